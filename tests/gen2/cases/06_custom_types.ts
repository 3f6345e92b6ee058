// Custom types: top-level, nested inline (hoisted twice), and a list through a.ref.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Point: a.customType({ x: a.float().required(), y: a.float().required() }),
    Shape: a.model({
      name: a.string(),
      outline: a.ref('Point').array(),
      meta: a.customType({
        author: a.string(),
        origin: a.customType({ lat: a.float(), lng: a.float() }),
      }),
    }),
  })
  .authorization((allow) => [allow.authenticated()]);

export const data = defineData({ schema });
