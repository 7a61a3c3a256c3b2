import { endpoint } from '../_lib/http.js';
import { getActivity } from '../_lib/services/get-activity.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    const { activity, myRegistration } = await getActivity({ db, userId, activityId: pathId() });
    return { body: { ...activity, myRegistration } };
  },
});
