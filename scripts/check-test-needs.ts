// The first step of `npm test`: checks that Chromium, nginx and PostgreSQL are there for the tests.
// As root on Debian it installs the missing packages and starts the local PostgreSQL itself;
// otherwise it stops with what is missing and the command that fixes it. Silent when all is there.
import { describeUnmet, ensureTestNeeds, THIS_MACHINE } from './lib/test-needs.ts';

const unmet = await ensureTestNeeds(THIS_MACHINE);
if (unmet.length) {
  console.error(describeUnmet(unmet));
  process.exit(1);
}
