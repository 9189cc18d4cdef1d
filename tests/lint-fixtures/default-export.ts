// Fixture: default exports are not used in this codebase.
export default function f(): number {
  return 1;
}
