// .required() and .array() in both orders, on scalars and on a.ref: the order decides what is required.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Tag: a.customType({ label: a.string() }),
    Holder: a.model({
      itemsRequired: a.string().required().array(),
      listRequired: a.string().array().required(),
      both: a.integer().required().array().required(),
      neither: a.integer().array(),
      refItems: a.ref('Tag').required().array(),
      refList: a.ref('Tag').array().required(),
      refOne: a.ref('Tag').required(),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
