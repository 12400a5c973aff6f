// Writes prisma/postgresql/schema.prisma from the hand-written prisma/schema.prisma.
import fs from 'node:fs';
import { derivePostgresSchema } from '../lib/db/derive-schema.ts';
import { schemaPath } from '../lib/db/schema-engine.ts';

fs.writeFileSync(schemaPath('postgresql'), derivePostgresSchema(fs.readFileSync(schemaPath('sqlite'), 'utf8')));
console.log(`wrote ${schemaPath('postgresql')}`);
