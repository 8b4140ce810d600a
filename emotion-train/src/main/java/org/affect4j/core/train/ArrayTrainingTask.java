package org.affect4j.core.train;

import org.affect4j.core.nn.Logits;
import org.affect4j.core.nn.Batches;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.affect4j.core.checkpoint.ModelArchive;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link TrainingTask} for a graph without training-mode layers (no batch norm, no dropout): in-memory examples
 * of one shape, validation on the training graph itself, export of every trainable variable as
 * {@code weights.<name>} (state-dict names). Used for the video LSTM head and the fusion layer, whose inputs come
 * from frozen networks. Not thread-safe.
 */
public final class ArrayTrainingTask implements TrainingTask {

    private final SameDiff graph;
    private final String input;
    private final String labels;
    private final String loss;
    private final String logits;
    private final long[] exampleShape;
    private final List<float[]> train;
    private final int[] trainLabels;
    private final List<float[]> val;
    private final int[] valLabels;
    private final int classes;
    private final Map<String, Object> meta;

    public ArrayTrainingTask(SameDiff graph, String input, String labels, String loss, String logits, long[] exampleShape, int classes,
                             List<float[]> train, int[] trainLabels, List<float[]> val, int[] valLabels, Map<String, Object> meta) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.input = input;
        this.labels = labels;
        this.loss = loss;
        this.logits = logits;
        this.exampleShape = exampleShape.clone();
        this.classes = classes;
        long per = 1;
        for (long d : exampleShape) {
            per *= d;
        }
        if (train.size() != trainLabels.length || val.size() != valLabels.length || val.isEmpty()) {
            throw new IllegalArgumentException("examples and labels differ in number (training " + train.size() + " vs "
                    + trainLabels.length + ", validation " + val.size() + " vs " + valLabels.length + "), or no validation examples");
        }
        checkExamples("training", train, trainLabels, per, classes);
        checkExamples("validation", val, valLabels, per, classes);
        this.train = List.copyOf(train);
        this.trainLabels = trainLabels.clone();
        this.val = List.copyOf(val);
        this.valLabels = valLabels.clone();
        this.meta = Map.copyOf(meta);
    }

    @Override
    public SameDiff graph() {
        return graph;
    }

    @Override
    public GraphNames names() {
        return new GraphNames(input, labels, loss, logits);
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public DataSet batch(int[] indices) {
        return new DataSet(features(train, indices), oneHot(trainLabels, indices));
    }

    private INDArray features(List<float[]> xs, int[] idx) {
        return stack(xs, idx, exampleShape);
    }

    private INDArray oneHot(int[] y, int[] idx) {
        return oneHot(y, idx, classes);
    }

    private static void checkExamples(String set, List<float[]> xs, int[] labels, long per, int classes) {
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).length != per) {
                throw new IllegalArgumentException(set + " example " + i + " has " + xs.get(i).length + " values, expected " + per);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(set + " example " + i + " has label " + labels[i] + ", expected 0.." + (classes - 1));
            }
        }
    }

    /** The examples at {@code idx} stacked into one array ({@link Batches#stack}). */
    public static INDArray stack(List<float[]> xs, int[] idx, long... exampleShape) {
        return Batches.stack(xs, idx, exampleShape);
    }

    /** One-hot rows (idx.length, classes) for the labels at {@code idx}. */
    public static INDArray oneHot(int[] y, int[] idx, int classes) {
        float[] out = new float[idx.length * classes];
        for (int i = 0; i < idx.length; i++) {
            out[i * classes + y[idx[i]]] = 1;
        }
        return Nd4j.create(out, new long[] {idx.length, classes}, 'c');
    }

    /** Validation in batches of the training graph's fixed batch size (the last partial batch is left out). */
    @Override
    public Score validate() {
        long b = graph.getVariable(input).getShape()[0];
        int batch = b > 0 ? (int) b : val.size();
        double lossSum = 0;
        int correct = 0;
        int n = 0;
        for (int from = 0; from + batch <= val.size(); from += batch) {
            int[] idx = new int[batch];
            for (int i = 0; i < batch; i++) {
                idx[i] = from + i;
            }
            try (INDArray x = features(val, idx)) {
                float[][] rows = graph.output(Map.of(input, x), logits).get(logits).toFloatMatrix();
                for (int i = 0; i < batch; i++) {
                    lossSum += Logits.crossEntropy(rows[i], valLabels[from + i]);
                    correct += Logits.argmax(rows[i]) == valLabels[from + i] ? 1 : 0;
                    n++;
                }
            }
        }
        return new Score(lossSum / n, correct / (double) n);
    }

    @Override
    public ModelArchive export(Map<String, Object> provenance) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put("provenance", new LinkedHashMap<>(provenance));
        Map<String, ModelArchive.Tensor> t = new LinkedHashMap<>();
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                t.put("weights." + v.name(), ModelArchive.Tensor.of(v.getArr().dup('c').data().asFloat(), v.getArr().shape()));
            }
        }
        return ModelArchive.of(m, t);
    }
}
