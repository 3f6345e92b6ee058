// Field-level authorization and an owner field that matches its explicit declaration.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Account: a
      .model({
        accountOwner: a.string(),
        editors: a.string().array(),
        balance: a.float().authorization((allow) => [allow.ownerDefinedIn('accountOwner')]),
        secret: a.string().authorization((allow) => [allow.owner().to(['read'])]),
      })
      .authorization((allow) => [
        allow.ownerDefinedIn('accountOwner'),
        allow.ownersDefinedIn('editors').to(['read', 'update']),
        allow.group('Admins'),
      ]),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
