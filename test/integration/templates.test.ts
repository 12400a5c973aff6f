import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { deleteTemplate, findTemplate, listTemplates, saveTemplate } from '@/lib/incidents/templates';
import { renderMarkdown } from '@/lib/markdown';
import { updatePageSettings } from '@/lib/page/page-settings';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';

describe.each(PROVIDERS)('incident templates on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());

  it('offers the built-in ones first, then the operators’ own, which they add, edit and delete', async () => {
    const builtIn = await listTemplates(database.db);
    expect(builtIn.map((template) => template.title)).toEqual(['502 Bad Gateway', 'Slow responses', 'Service unavailable']);
    expect(builtIn[0].body).toMatch(/refresh.*wait a few minutes.*cache.*another browser or device/is);

    const login = await saveTemplate(database.db, undefined, { title: 'Login trouble', name: 'Some people cannot log in', impact: 'major', body: 'We are on it.' }, SYSTEM_ACTOR);
    const search = await saveTemplate(database.db, undefined, { title: 'Search down', name: 'Search is unavailable', status: 'identified' }, SYSTEM_ACTOR);
    expect((await listTemplates(database.db)).map((template) => [template.title, template.builtIn])).toEqual([
      ['502 Bad Gateway', true],
      ['Slow responses', true],
      ['Service unavailable', true],
      ['Login trouble', false],
      ['Search down', false],
    ]);
    expect(await findTemplate(database.db, search.id)).toMatchObject({ status: 'identified', impact: 'minor', body: '' });

    await saveTemplate(database.db, login.id, { title: 'Log-in trouble', name: 'Some people cannot log in', impact: 'critical' }, SYSTEM_ACTOR);
    expect(await findTemplate(database.db, login.id)).toMatchObject({ title: 'Log-in trouble', impact: 'critical' });
    await deleteTemplate(database.db, search.id, SYSTEM_ACTOR);
    expect(await findTemplate(database.db, search.id)).toBeUndefined();
    const audit = await database.db.auditLog.findMany({ where: { targetType: 'incident_template' }, orderBy: { at: 'asc' } });
    expect(audit.map((row) => row.action)).toEqual(['incident_template.create', 'incident_template.create', 'incident_template.update', 'incident_template.delete']);
  });

  it('links the 502 template to the page’s support address, and leaves that step out without one', async () => {
    const step = (body: string) => body.split('\n').find((line) => line.includes('cannot get through'));
    const template502 = async () => (await findTemplate(database.db, '502-bad-gateway'))!;
    // No support address yet: no step that sends visitors to a support nobody can find.
    expect(step((await template502()).body)).toBeUndefined();
    expect((await template502()).body).toContain('We are investigating and will post an update here');

    await updatePageSettings(database.db, { supportUrl: 'https://help.example.com/contact (502)' }, SYSTEM_ACTOR);
    const linked = (await template502()).body;
    expect(step(linked)).toBe('- If you still cannot get through, [contact our support](<https://help.example.com/contact%20(502)>).');
    expect(renderMarkdown(linked)).toContain('<a href="https://help.example.com/contact%20(502)" rel="nofollow noopener noreferrer">contact our support</a>');

    await updatePageSettings(database.db, { supportUrl: 'mailto:help@example.com' }, SYSTEM_ACTOR);
    expect(renderMarkdown((await template502()).body)).toContain('<a href="mailto:help@example.com" rel="nofollow noopener noreferrer">contact our support</a>');
    await updatePageSettings(database.db, { supportUrl: '' }, SYSTEM_ACTOR);
  });

  it('refuses bad input and changes to built-in ones, writing nothing', async () => {
    const before = [await database.db.incidentTemplate.count(), await database.db.auditLog.count()];
    await expect(saveTemplate(database.db, undefined, { title: ' ', name: 'x' }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['title'] })] });
    await expect(saveTemplate(database.db, undefined, { title: 'x', name: 'x', status: 'resolved' as never }, SYSTEM_ACTOR)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['status'] })] });
    await expect(saveTemplate(database.db, '502-bad-gateway', { title: 'Mine now', name: 'x' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 422, code: 'built_in' });
    await expect(saveTemplate(database.db, 'nosuchtemplate', { title: 'x', name: 'x' }, SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
    await expect(deleteTemplate(database.db, 'nosuchtemplate', SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 });
    expect([await database.db.incidentTemplate.count(), await database.db.auditLog.count()]).toEqual(before);
  });
});
