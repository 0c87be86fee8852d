// What layers with their own `activation` param (Dense, Conv2D, ...) keep in the native core: backward
// needs the pre-activation for GELU and Swish, and at the output when the loss fuses the activation.
import type { NativeMemory } from '../layer-formats';
import type { ActivationName } from '../params';

export const fusedActivationMemory: NativeMemory<{ readonly activation: ActivationName }> = {
  keepsPreActivation: ({ params: { activation } }, isOutput) =>
    activation === 'gelu' || activation === 'swish' || (isOutput && activation !== 'linear'),
};
