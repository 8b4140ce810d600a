package org.affect4j.audio;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.testing.SharedData;

/** The four clips the seed pipeline dumped stage by stage in shared/reference/speech/fixtures. */
public final class SpeechFixtures {
    public static final List<String> CLIPS = List.of("03-01-01-01-01-01-01", "03-01-04-01-02-02-02",
            "03-01-05-02-01-02-02", "03-01-08-02-02-01-01");

    private SpeechFixtures() {
    }

    public static Path wav(String clip) {
        String actor = clip.substring(clip.length() - 2);
        return SharedData.require("data/ravdess-speech/Actor_" + actor + "/" + clip + ".wav");
    }

    public static Path fixture(String clip, String stage) {
        return SharedData.require("reference/speech/fixtures/" + clip + "." + stage + ".npy");
    }

    public static Path checkpoint() {
        return SharedData.require("reference/speech/cnn_transf_parallel_model.pt");
    }

    public static Path scaler() {
        return SharedData.require("reference/speech/speech_data_scaler.pkl");
    }
}
