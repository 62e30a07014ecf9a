import { describe, expect, it } from 'vitest';
import { withPhones } from '../../../src-portal/http/layout.ts';

describe('contacts on portal pages', () => {
  it('keep each phone number on one line, and escape the rest', () => {
    expect(withPhones('Смирнова О. П., каб. 204, +7 495 123-45-67').value).toBe(
      'Смирнова О. П., каб. 204, <span class="phone">+7 495 123-45-67</span>',
    );
    expect(withPhones('тел. 8 (495) 123-45-67 или 89021702876, <b>').value).toBe(
      'тел. <span class="phone">8 (495) 123-45-67</span> или <span class="phone">89021702876</span>, &lt;b&gt;',
    );
    // A room number or a time is not a phone.
    expect(withPhones('каб. 204, пн–пт 9:00–17:00').value).toBe('каб. 204, пн–пт 9:00–17:00');
  });
});
