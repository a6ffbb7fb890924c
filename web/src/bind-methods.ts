// Methods that work when taken off their object (`const { relu } = rw`), as users of
// destructuring and callbacks expect, instead of failing on an undefined `this`.

/** Binds every method of `target`'s class to `target`, as own non-enumerable properties. */
export function bindMethods(target: object): void {
  const proto = Object.getPrototypeOf(target) as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const method = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
    if (key === 'constructor' || typeof method !== 'function') continue;
    Object.defineProperty(target, key, { value: method.bind(target), writable: true, configurable: true });
  }
}
