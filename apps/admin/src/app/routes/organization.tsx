import { PageHeader } from '../../components/ui/page-header';
import { OrganizationForm } from '../../features/organizations/components/organization-form';
import { useMe } from '../../lib/auth';

export function OrganizationRoute() {
  const { organization, role } = useMe();
  return (
    <>
      <PageHeader
        title="Organization"
        description="Your organization's name, shown to your team."
      />
      <OrganizationForm
        key={organization.id}
        organization={organization}
        canEdit={role === 'owner'}
      />
    </>
  );
}
