import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ editors: a.string() }).authorization((allow) => [allow.groupsDefinedIn('editors')]),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
