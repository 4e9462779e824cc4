import { PageHeader } from '../../components/ui/page-header';
import { ProfileForm } from '../../features/auth/components/profile-form';
import { useMe } from '../../lib/auth';

export function ProfileRoute() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Profile" description="How you appear to your team." />
      <ProfileForm me={me} />
    </>
  );
}
