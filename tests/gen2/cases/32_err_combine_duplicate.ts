// Two combined schemas that define the same model.
import { a, defineData } from '@aws-amplify/backend';

const one = a.schema({ Thing: a.model({ a: a.string() }) }).authorization((allow) => [allow.publicApiKey()]);
const two = a.schema({ Thing: a.model({ b: a.string() }) }).authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema: a.combine([one, two]) });
