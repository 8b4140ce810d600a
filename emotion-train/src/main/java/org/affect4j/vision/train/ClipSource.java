package org.affect4j.vision.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.affect4j.vision.data.FaceSequenceRecordReader;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The clips a video training task reads: how many, their labels (EmoNet order) and, per clip, the frozen
 * face-alignment network's features of its head frames at the task's stride ({@link VideoTrainingTask#faceFeatures}).
 *
 * <p>Features of one clip are large (⌈90/stride⌉ × 768 × 64 × 64 floats: 1.1 GB at stride 1, 113 MB at stride 10),
 * so a real data set cannot be held in memory: {@link #fromVideos} computes them on demand, from the video file,
 * every time a clip is used — as the seed does, which runs the frozen network in every step. {@link #inMemory} and
 * {@link #cached} are for small sets (tests, a few clips). Implementations need not be thread-safe.
 */
public interface ClipSource {

    int size();

    /** Label of clip {@code i} (EmoNet order, 0..7). */
    int label(int i);

    /** Face features of clip {@code i}'s head frames, (⌈90/stride⌉, 768, 64, 64) C-order. */
    float[] features(int i);

    /** A name for clip {@code i} in error messages (e.g. its file). */
    default String name(int i) {
        return "clip " + i;
    }

    /** Features already computed, with their labels. */
    static ClipSource inMemory(List<float[]> features, int[] labels) {
        List<float[]> f = List.copyOf(features);
        int[] l = labels.clone();
        if (f.size() != l.length) {
            throw new IllegalArgumentException(f.size() + " clips but " + l.length + " labels");
        }
        return new ClipSource() {
            @Override
            public int size() {
                return f.size();
            }

            @Override
            public int label(int i) {
                return l[i];
            }

            @Override
            public float[] features(int i) {
                return f.get(i);
            }
        };
    }

    /**
     * Clips read from video files on demand: {@code reader} decodes each video and crops its face over the 90 steps
     * (landmarks or a detector, as configured; its label generator gives the label), {@code fan} (the frozen
     * network of {@link org.affect4j.vision.net.EmoNetLstmTraining#faceFeatureGraph}) turns the crops of the head
     * frames into features, in chunks of {@code frameBatch} frames. Nothing is kept between calls.
     */
    static ClipSource fromVideos(List<Path> videos, FaceSequenceRecordReader reader, SameDiff fan, int stride, int frameBatch) {
        List<Path> files = List.copyOf(videos);
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(fan, "fan");
        int[] labels = new int[files.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = reader.label(files.get(i));
        }
        return new ClipSource() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public int label(int i) {
                return labels[i];
            }

            @Override
            public float[] features(int i) {
                var seq = reader.loadSequenceFromMetaData(new RecordMetaDataURI(files.get(i).toUri(), FaceSequenceRecordReader.class));
                return VideoTrainingTask.faceFeatures(fan, VideoTrainingTask.framesOf(seq.getSequenceRecord()).frames(), stride, frameBatch);
            }

            @Override
            public String name(int i) {
                return files.get(i).toString();
            }
        };
    }

    /** Keeps every clip's features after their first use (only for sets that fit in memory). */
    default ClipSource cached() {
        ClipSource source = this;
        float[][] memo = new float[size()][];
        return new ClipSource() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public int label(int i) {
                return source.label(i);
            }

            @Override
            public float[] features(int i) {
                if (memo[i] == null) {
                    memo[i] = source.features(i);
                }
                return memo[i];
            }

            @Override
            public String name(int i) {
                return source.name(i);
            }
        };
    }
}
