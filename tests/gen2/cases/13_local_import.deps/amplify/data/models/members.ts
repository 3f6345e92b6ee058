import { a } from '@aws-amplify/backend';

const Member = a.model({ name: a.string() });

export default { Member };
