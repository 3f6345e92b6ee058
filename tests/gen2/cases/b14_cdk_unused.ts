import { a, defineData } from '@aws-amplify/backend';
import { Duration } from 'aws-cdk-lib'; const ttl = Duration.days(3);
const schema = a.schema({
M: a.model({ x: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
