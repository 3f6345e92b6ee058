// SQL models must declare the owner field their rules use.
import { a, defineData, secret } from '@aws-amplify/backend';
import { configure } from '@aws-amplify/data-schema/internals';

const schema = configure({
  database: { identifier: 'Db', engine: 'mysql', connectionUri: secret('SQL_URL') },
})
  .schema({
    notes: a.model({ id: a.integer().required(), body: a.string() }).identifier(['id']),
  })
  .authorization((allow) => [allow.owner()]);

export const data = defineData({ schema });
