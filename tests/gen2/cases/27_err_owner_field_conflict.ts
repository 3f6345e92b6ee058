// ownerDefinedIn implies a String field; the model declares it as an Int.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Wallet: a
    .model({ holder: a.integer() })
    .authorization((allow) => [allow.ownerDefinedIn('holder')]),
});

export const data = defineData({ schema });
