import type { SpeechModelV4, SpeechModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase } from './gateway-model';

/** A speech model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewaySpeechModel extends AiGatewayModelBase implements SpeechModelV4 {
  doGenerate(options: SpeechModelV4CallOptions): ReturnType<SpeechModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}
