// .disableOperations([...]) and a model with its own authorization only.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Event: a
    .model({ name: a.string().required(), at: a.timestamp() })
    .disableOperations(['subscriptions', 'delete', 'list'])
    .authorization((allow) => [allow.publicApiKey().to(['read']), allow.owner()]),
});

export const data = defineData({ schema });
