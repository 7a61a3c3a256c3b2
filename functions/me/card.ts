import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { issueMemberCard } from '../_lib/services/card/issue-member-card.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await issueMemberCard({ db, config: getConfig(), userId }) };
  },
});
