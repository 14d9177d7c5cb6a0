// Hides a form's conditional parts while their conditions do not hold (FormDefinition.ShownKeys)
// and disables their inputs (not sent). Without it, each part stays with its note.
// data-when: [[any, [[key, operator, value], …]], …]; every set must hold.
(() => {
  const form = document.querySelector('[data-when]')?.closest('form');
  if (!form) return;
  const parts = [...form.querySelectorAll('[data-when]')].map(e => [e, JSON.parse(e.dataset.when)]);
  // An answer's choices, trimmed; none when blank or hidden.
  const answer = key => [...form.querySelectorAll(`[name="${key}"]`)]
    .filter(e => !e.closest('[hidden]') && (!/^(radio|checkbox)$/.test(e.type) || e.checked))
    .map(e => e.value.trim()).filter(v => v);
  const number = s => /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s = s.replace(/\s/g, '').replace(',', '.')) ? +s : NaN;
  const holds = ([key, op, value]) => {
    const a = answer(key), one = a[0] || '', date = /^\d{4}-\d\d-\d\d$/.test(one);
    const chosen = a.some(x => x.toLowerCase() == value.toLowerCase());
    switch (op) {
      case 'Equals': return chosen;
      case 'Differs': return a.length > 0 && !chosen;
      case 'Greater': return number(one) > +value;
      case 'Less': return number(one) < +value;
      case 'Before': return date && one < value;
      case 'After': return date && one > value;
      case 'IsEmpty': return !a.length;
      case 'IsNotEmpty': return a.length > 0;
      default: return false;
    }
  };
  const update = () => {
    // In order: conditions look at earlier fields, already updated.
    for (const [part, when] of parts) {
      part.hidden = !when.every(([any, set]) => any ? set.some(holds) : set.every(holds));
    }
    for (const input of form.querySelectorAll('[data-when] :is(input, select, textarea)')) {
      input.dataset.locked ??= input.disabled ? '1' : '';
      input.disabled = !!input.dataset.locked || !!input.closest('[hidden]');
    }
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
