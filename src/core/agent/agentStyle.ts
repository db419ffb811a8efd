/** An agent's request with a house style: the prompt sent, and the style's size and expansion where the request gives none. */
import { applyStyle, StyledPrompt } from '../repoConfig/houseStyle';
import { HouseStyle } from '../repoConfig/repoConfig';
import { parseSizeNumbers } from '../spec/sizeText';
import { GenerationInput } from '../spec/validation';
import { AgentRequest, generationInputOf } from './agentInput';

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Without a style (or a prompt that is not text, which the one check refuses), the input is the request's own. */
export function styledAgentInput(request: AgentRequest, style: HouseStyle | undefined): { input: GenerationInput; styled?: StyledPrompt } {
  const input = generationInputOf(request);
  if (!style || typeof request.prompt !== 'string') {
    return { input };
  }
  const styled = applyStyle(request.prompt, style);
  input.prompt = styled.prompt;
  input.style = { name: style.name, codePoints: styled.styleCodePoints };
  const size = style.size === undefined ? undefined : parseSizeNumbers(style.size);
  if (size && !given(request.size) && !given(request.width) && !given(request.height)) {
    [input.width, input.height] = [size.width, size.height];
  }
  if (!given(request.promptExpansion) && style.promptExpansion !== undefined) {
    input.usePreLlm = style.promptExpansion;
  }
  return { input, styled };
}
