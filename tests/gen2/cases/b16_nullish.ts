import { a, defineData } from '@aws-amplify/backend';
const cfg: any = { extra: undefined };
const schema = a.schema({
M: a.model({ x: cfg.extra ?? a.string(), y: cfg?.missing?.deep ?? a.integer() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
