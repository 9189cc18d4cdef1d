// The banner's two icons, in the Fluent frame's chunk (they are Fluent icons and bring Griffel's runtime): the banner
// paints its words and the mark's colour first and the glyphs arrive with the navigation (issue 22).
import { ShieldCheckmark16Regular } from '@fluentui/react-icons/svg/shield-checkmark';
import { ShieldKeyhole24Filled } from '@fluentui/react-icons/svg/shield-keyhole';

export function ProductMarkIcon() {
  return <ShieldKeyhole24Filled />;
}

export function CleanSessionIcon() {
  return <ShieldCheckmark16Regular aria-hidden="true" />;
}
