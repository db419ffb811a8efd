/**
 * A sink that records the house style: the image's provenance gets the user's text and the style
 * beside the prompt sent, and its link's alt text comes from the user's text, not the template.
 */
import { ProvenanceStyle, withStyle } from '../image/provenance';
import { ImageSink } from './ports';

export interface StyledText {
  userPrompt: string;
  style?: ProvenanceStyle;
}

/**
 * Without a style the sink is returned as it is. The image's provenance is replaced in place, so
 * what the front end reports after the job (paths, --json, MCP results) says what the file says.
 */
export function styleRecordingSink<T, L>(sink: ImageSink<T, L>, styled: StyledText | undefined): ImageSink<T, L> {
  if (!styled?.style) {
    return sink;
  }
  return {
    save: async (image, target) => {
      image.provenance = withStyle(image.provenance, styled);
      const saved = await sink.save(image, target);
      return { ...saved, link: { ...saved.link, prompt: styled.userPrompt } };
    },
    locate: (key) => sink.locate(key),
  };
}
