package org.affect4j.fusion.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.ModelArchive;
import org.affect4j.core.checkpoint.StateDict;
import org.affect4j.core.checkpoint.TorchTensor;
import org.affect4j.core.eval.EvaluationReport;
import org.affect4j.core.ravdess.ActorFolds;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.train.ArrayTrainingTask;
import org.affect4j.core.nn.Logits;
import org.affect4j.core.train.Trainer;
import org.affect4j.core.train.TrainerConfig;
import org.affect4j.core.train.TrainingListener;
import org.affect4j.fusion.ActionUnitFusion;
import org.affect4j.fusion.net.FusionNet;
import org.affect4j.vision.au.ActionUnitClassifier;
import org.affect4j.vision.train.ActionUnitTrainingTask;
import org.affect4j.vision.au.ActionUnits;
import org.affect4j.vision.data.RavdessActionUnits;

/**
 * The actor-independent protocol for the action-unit face branch and its trained fusion with a speech model, one fold
 * at a time ({@link ActorFolds}: test on 4 actors T, select on the previous fold's 4 actors V, train on the other 16 R).
 *
 * <ol>
 *   <li>Action-unit branch: for each hidden width of the recipe (0 = softmax regression), trained on R with the
 *       {@link Trainer}, best epoch by accuracy on V; the width with the best V accuracy is kept. The scaler is fitted
 *       on R.</li>
 *   <li>Speech logits of V and T come from the fold's speech model, which never heard V or T (it was trained on R and
 *       selected on V): the caller supplies them (e.g. {@code affect4j eval --out} of that model).</li>
 *   <li>Fusion layer ({@link FusionNet}, [action-unit logits | speech logits] → 8) trained on V — the clips whose
 *       logits are out-of-sample for both branches, as a test clip's are (training-actor logits are over-confident:
 *       the speech model fits its training actors far better than new ones). It starts at [I | I], zero bias (the sum
 *       of the two branches' logits, whose arg-max is the log-linear late fusion). Its epoch budget is chosen inside
 *       V: trained on two of V's actors and selected on the other two, both ways round; the mean of the two best
 *       epochs is the budget for the final layer, trained on all of V (an earlier epoch of it is kept if it fits V
 *       better).</li>
 *   <li>Test on T: speech only, action units only, the trained fusion, and the late fusion (sum of log-softmaxes,
 *       no training).</li>
 * </ol>
 * T is touched only by the last step. Not thread-safe.
 */
public final class ActionUnitFusionCv {

    /** The recipe. */
    public record Recipe(List<Integer> hiddenWidths, TrainerConfig branchTrainer, TrainerConfig fusionTrainer) {
        public Recipe {
            hiddenWidths = List.copyOf(hiddenWidths);
            if (hiddenWidths.isEmpty()) {
                throw new IllegalArgumentException("at least one hidden width");
            }
        }

        /**
         * The recipe of the committed results: widths 0 (softmax regression) and 64; branch Adam lr 1e-3, weight decay
         * 1e-3, batch 32, 100 epochs; fusion Adam lr 1e-2, weight decay 1e-3, batch 16, 60 epochs; plateau factor 0.5,
         * patience 5; seed 42.
         */
        public static Recipe standard() {
            return new Recipe(List.of(0, 64), new TrainerConfig(100, 32, 1e-3, 1e-3, 0.5, 5, 1e-6, 42),
                    new TrainerConfig(60, 16, 1e-2, 1e-3, 0.5, 5, 1e-6, 42));
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hiddenWidths", hiddenWidths.toString());
            m.put("branchTrainer", branchTrainer.toString());
            m.put("fusionTrainer", fusionTrainer.toString());
            return m;
        }
    }

    /** A fold's outcome: the reports on its test actors and the trained model. */
    public record FoldResult(int fold, int hidden, double branchValAccuracy, int fusionEpochs, double fusionValAccuracy, EvaluationReport speech,
                             EvaluationReport actionUnits, EvaluationReport fused, EvaluationReport late, ActionUnitFusion model) {
    }

    private final RavdessActionUnits features;
    private final Recipe recipe;
    private final TrainingListener listener;

    public ActionUnitFusionCv(RavdessActionUnits features, Recipe recipe, TrainingListener listener) {
        this.features = Objects.requireNonNull(features, "features");
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs fold {@code k}.
     *
     * @param speechLogits by RAVDESS file name: the fold's speech model's logits (seed speech order) for every clip of
     *                     its validation and test actors (others are ignored)
     * @param speechModel  the speech model's id, recorded in the exported fusion
     * @param work         a directory for the Trainer's checkpoints (a rerun resumes)
     * @throws IllegalArgumentException when a validation or test clip has no speech logits or no action units
     */
    public FoldResult run(int k, Map<String, float[]> speechLogits, String speechModel, Map<String, Object> provenance, Path work) {
        SortedSet<Integer> test = ActorFolds.testActors(k);
        SortedSet<Integer> val = ActorFolds.validationActors(k);
        SortedSet<Integer> train = ActorFolds.trainActors(k);
        List<Clip> trainClips = clips(train, null);
        List<Clip> valClips = clips(val, speechLogits);
        List<Clip> testClips = clips(test, speechLogits);

        // 1. action-unit branch, width chosen on V
        ActionUnitClassifier best = null;
        double bestAcc = -1;
        int bestHidden = -1;
        for (int h : recipe.hiddenWidths()) {
            Map<String, Object> d = new LinkedHashMap<>(provenance);
            d.put("fold", k);
            ActionUnitTrainingTask task = new ActionUnitTrainingTask(examples(trainClips), examples(valClips), h, recipe.branchTrainer().seed(), d);
            Trainer.Result r = new Trainer(recipe.branchTrainer(), work.resolve("au-hidden-" + h), listener).fit(task);
            if (!r.complete()) {
                throw new IllegalStateException("action-unit branch training of fold " + k + " did not complete");
            }
            if (r.bestValAccuracy() > bestAcc) {
                bestAcc = r.bestValAccuracy();
                bestHidden = h;
                best = ActionUnitClassifier.fromArchive(ModelArchive.read(r.bestModel()));
            }
        }

        // 2.-3. fusion layer on V's out-of-sample logits of both branches; its epoch budget chosen inside V
        List<float[]> valInputs = new ArrayList<>();
        int[] valLabels = new int[valClips.size()];
        List<Integer> valActors = new ArrayList<>();
        for (int i = 0; i < valClips.size(); i++) {
            valInputs.add(concat(best.logits(valClips.get(i).au()), valClips.get(i).speech()));
            valLabels[i] = LabelOrder.SEED_SPEECH.indexOf(valClips.get(i).name().emotion());
            valActors.add(valClips.get(i).name().actor());
        }
        List<Integer> pairA = new ArrayList<>(val).subList(0, 2);
        Map<String, Object> fm = new LinkedHashMap<>(provenance);
        fm.put("fold", k);
        int[] inner = new int[2];
        for (int half = 0; half < 2; half++) {
            List<float[]> fitX = new ArrayList<>();
            List<float[]> selX = new ArrayList<>();
            List<Integer> fitY = new ArrayList<>();
            List<Integer> selY = new ArrayList<>();
            for (int i = 0; i < valInputs.size(); i++) {
                boolean inA = pairA.contains(valActors.get(i));
                boolean fit = half == 0 ? inA : !inA;
                (fit ? fitX : selX).add(valInputs.get(i));
                (fit ? fitY : selY).add(valLabels[i]);
            }
            Trainer.Result ir = fitFusion(fitX, ints(fitY), selX, ints(selY), recipe.fusionTrainer(), fm, work.resolve("fusion-inner-" + half));
            inner[half] = ir.bestEpoch() + 1;
        }
        int fusionEpochs = Math.max(1, (int) Math.round((inner[0] + inner[1]) / 2.0));
        Trainer.Result fr = fitFusion(valInputs, valLabels, valInputs, valLabels, recipe.fusionTrainer().withEpochs(fusionEpochs), fm,
                work.resolve("fusion"));
        StateDict fusionWeights = ModelArchive.read(fr.bestModel()).stateDict("weights.");
        Map<String, Object> meta = new LinkedHashMap<>(provenance);
        meta.put(ActionUnitFusion.SPEECH_MODEL, speechModel);
        meta.put("fold", k);
        meta.put("trainActors", train.toString());
        meta.put("selectionActors", val.toString());
        meta.put("testActors", test.toString());
        meta.put("branchHidden", bestHidden);
        meta.put("fusionEpochs", fusionEpochs);
        meta.put("recipe", recipe.describe());
        ActionUnitFusion model = ActionUnitFusion.of(best, fusionWeights, meta);

        // 4. test
        EvaluationReport.Builder speech = new EvaluationReport.Builder();
        EvaluationReport.Builder au = new EvaluationReport.Builder();
        EvaluationReport.Builder fused = new EvaluationReport.Builder();
        EvaluationReport.Builder late = new EvaluationReport.Builder();
        for (Clip c : testClips) {
            float[] a = best.logits(c.au());
            Emotion truth = c.name().emotion();
            int actor = c.name().actor();
            int intensity = c.name().intensity();
            speech.add(truth, top(c.speech()), actor, intensity);
            au.add(truth, top(a), actor, intensity);
            fused.add(truth, top(model.fuseLogits(a, c.speech())), actor, intensity);
            late.add(truth, top(lateFusion(a, c.speech())), actor, intensity);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("clips", testClips.size());
        results.put("speech", speech.build().accuracy());
        results.put("actionUnits", au.build().accuracy());
        results.put("fused", fused.build().accuracy());
        results.put("late", late.build().accuracy());
        model = model.withMeta("testAccuracy", results);
        return new FoldResult(k, bestHidden, bestAcc, fusionEpochs, fr.bestValAccuracy(), speech.build(), au.build(), fused.build(), late.build(), model);
    }

    /**
     * Trains the fusion layer from [I | I] on {@code x}, keeping the epoch with the best accuracy on {@code selX}.
     */
    private Trainer.Result fitFusion(List<float[]> x, int[] y, List<float[]> selX, int[] selY, TrainerConfig config,
                                     Map<String, Object> meta, Path dir) {
        ArrayTrainingTask task = new ArrayTrainingTask(FusionNet.buildTraining(sumOfLogits(), config.batchSize()), FusionNet.INPUT,
                FusionNet.LABELS, FusionNet.LOSS, FusionNet.LOGITS, new long[] {16}, 8, x, y, selX, selY, meta);
        Trainer.Result r = new Trainer(config, dir, listener).fit(task);
        if (!r.complete()) {
            throw new IllegalStateException("fusion training in " + dir + " did not complete");
        }
        return r;
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Log-linear pooling with equal weights: log-softmax(a) + log-softmax(b). */
    public static float[] lateFusion(float[] a, float[] b) {
        float[] la = Logits.logSoftmax(a);
        float[] lb = Logits.logSoftmax(b);
        float[] out = new float[la.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = la[i] + lb[i];
        }
        return out;
    }


    private static Emotion top(float[] logits) {
        return LabelOrder.SEED_SPEECH.emotionAt(Logits.argmax(logits));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] x = new float[16];
        System.arraycopy(a, 0, x, 0, 8);
        System.arraycopy(b, 0, x, 8, 8);
        return x;
    }

    /** fc = [I | I], bias 0: the fused logits start as the sum of the two branches' logits. */
    static StateDict sumOfLogits() {
        float[] w = new float[8 * 16];
        for (int i = 0; i < 8; i++) {
            w[i * 16 + i] = 1;
            w[i * 16 + 8 + i] = 1;
        }
        Map<String, TorchTensor> m = new LinkedHashMap<>();
        m.put("fc.weight", TorchTensor.ofFloats(w, 8, 16));
        m.put("fc.bias", TorchTensor.ofFloats(new float[8], 8));
        return StateDict.of(m, Path.of("fusion-init-sum-of-logits"));
    }

    private record Clip(RavdessFileName name, ActionUnits au, float[] speech) {
    }

    private List<Clip> clips(Set<Integer> actors, Map<String, float[]> speechLogits) {
        List<Clip> out = new ArrayList<>();
        for (int actor : actors) {
            for (RavdessFileName n : RavdessSpeechClips.of(actor)) {
                String file = RavdessSpeechClips.fileName(n);
                ActionUnits au = features.of(n).orElseThrow(() -> new IllegalArgumentException("no action units for " + file + " in " + features.source()));
                float[] s = null;
                if (speechLogits != null) {
                    s = speechLogits.get(file);
                    if (s == null || s.length != 8) {
                        throw new IllegalArgumentException("no speech logits (8) for " + file);
                    }
                }
                out.add(new Clip(n, au, s));
            }
        }
        return out;
    }

    private static List<ActionUnitTrainingTask.Example> examples(List<Clip> clips) {
        List<ActionUnitTrainingTask.Example> out = new ArrayList<>();
        for (Clip c : clips) {
            out.add(new ActionUnitTrainingTask.Example(RavdessSpeechClips.fileName(c.name()), c.au(), c.name().emotion()));
        }
        return out;
    }

    /** The 60 speech clips every RAVDESS actor recorded (audio-only names, {@code 03-01-EE-II-SS-RR-AA.wav}). */
    static final class RavdessSpeechClips {
        private RavdessSpeechClips() {
        }

        static List<RavdessFileName> of(int actor) {
            List<RavdessFileName> out = new ArrayList<>();
            for (Emotion e : Emotion.values()) {
                for (int intensity = 1; intensity <= (e == Emotion.NEUTRAL ? 1 : 2); intensity++) {
                    for (int statement = 1; statement <= 2; statement++) {
                        for (int rep = 1; rep <= 2; rep++) {
                            out.add(new RavdessFileName(3, 1, e, intensity, statement, rep, actor));
                        }
                    }
                }
            }
            return out;
        }

        static String fileName(RavdessFileName n) {
            return String.format("%02d-%02d-%02d-%02d-%02d-%02d-%02d.wav", n.modality(), n.vocalChannel(), n.emotion().ravdessCode(),
                    n.intensity(), n.statement(), n.repetition(), n.actor());
        }
    }
}
