// Top-level enums used through a.ref, singly and as lists; an enum built from a const array.
import { a, defineData } from '@aws-amplify/backend';

const SIZES = ['SMALL', 'MEDIUM', 'LARGE'] as const;

const schema = a
  .schema({
    Size: a.enum(SIZES),
    Color: a.enum(['RED', 'GREEN']),
    Shirt: a.model({
      size: a.ref('Size').required(),
      colors: a.ref('Color').array(),
    }),
  })
  .authorization((allow) => [allow.guest()]);

export const data = defineData({ schema });
