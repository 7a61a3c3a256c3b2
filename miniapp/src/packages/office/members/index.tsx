import PageShell from '../../../components/PageShell';
import { EmptyView, LoadingView } from '../../../components/StateViews';
import { go } from '../../../utils/feedback';
import MemberSearch from '../components/MemberSearch';
import { useOfficeAccess, usePickableOrgs } from '../use-office';
import '../office.scss';

export default function MembersPage() {
  const { roles, allowed, ready } = useOfficeAccess('members');
  const orgs = usePickableOrgs(roles, allowed);
  if (!ready) return <PageShell className="page-office-members"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-members"><EmptyView title="您没有查询会员的权限" /></PageShell>;
  return (
    <PageShell className="page-office-members">
      <MemberSearch orgs={orgs.data ?? []} onOpen={(m) => go(`/packages/office/member/index?id=${m.id}`)} />
    </PageShell>
  );
}
