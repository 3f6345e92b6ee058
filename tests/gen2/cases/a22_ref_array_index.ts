import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
E: a.enum(['A']), M: a.model({ es: a.ref('E').array() }).secondaryIndexes((i) => [i('es')]),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
