// The site composes the package's widgets like any page: one import registers them; the
// page only sets attributes (here from a <select>).
import 'relu-wasm/elements';

const select = document.querySelector<HTMLSelectElement>('#dataset-select')!;
const playground = document.querySelector('relu-playground#playground')!;
select.value = playground.getAttribute('dataset') ?? 'circle';
select.addEventListener('change', () => playground.setAttribute('dataset', select.value));
