// A secondary index keyed on a.ref to a custom type.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Place: a.customType({ city: a.string() }),
    Venue: a
      .model({ place: a.ref('Place') })
      .secondaryIndexes((index) => [index('place')]),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
