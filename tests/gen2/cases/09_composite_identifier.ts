// .identifier([...]) with a sort key, and composite references from the child.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Store: a
      .model({
        country: a.string().required(),
        code: a.integer().required(),
        name: a.string(),
        items: a.hasMany('Item', ['storeCountry', 'storeCode']),
      })
      .identifier(['country', 'code']),
    Item: a
      .model({
        sku: a.id().required(),
        storeCountry: a.string(),
        storeCode: a.integer(),
        store: a.belongsTo('Store', ['storeCountry', 'storeCode']),
      })
      .identifier(['sku']),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
