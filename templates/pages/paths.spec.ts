import { localPath } from './paths.js';

describe('localPath: where a form may send the browser back to', () => {
  it('keeps any path of this site with what a search put in its address', () => {
    expect(localPath('/desk/requests?search=trata+de+personas')).toBe('/desk/requests?search=trata+de+personas');
    expect(localPath('/desk/requests?search=a,b:c~d&page=2')).toBe('/desk/requests?search=a,b:c~d&page=2');
    expect(localPath('/desk')).toBe('/desk');
  });

  it('never another host, nor anything that is not a path', () => {
    for (const value of ['//evil.example/desk', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example/', 'desk', '', undefined, 42, '/desk\r\nSet-Cookie: x=1']) {
      expect([value, localPath(value, '/fallback')]).toEqual([value, '/fallback']);
    }
  });
});
