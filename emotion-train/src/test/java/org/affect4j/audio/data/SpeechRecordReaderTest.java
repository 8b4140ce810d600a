package org.affect4j.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.affect4j.audio.SpeechFixtures;
import org.affect4j.audio.features.SpeechInput;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.checkpoint.SklearnScaler;
import org.affect4j.core.ravdess.ActorFolds;
import org.affect4j.core.ravdess.RavdessFileName;
import org.affect4j.core.ravdess.RavdessFiles;
import org.affect4j.core.ravdess.RavdessLabelGenerator;
import org.affect4j.testing.Npy;
import org.affect4j.testing.SharedData;
import org.datavec.api.records.Record;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SpeechRecordReaderTest {

    @Test
    void feedsRecordReaderDataSetIteratorWithSeedFeaturesAndLabels() throws Exception {
        SpeechInput input = SpeechInput.seed(SklearnScaler.read(SpeechFixtures.scaler()));
        SpeechRecordReader reader = new SpeechRecordReader(input, RavdessLabelGenerator.seedSpeech());
        Path actor02 = SharedData.require("data/ravdess-speech/Actor_02");
        reader.initialize(new FileSplit(actor02.toFile(), new String[] {"wav"}));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, 4, 1, 8);
        it.setCollectMetaData(true);
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 1, 128, 563}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 8}, first.getLabels().shape());
        List<org.datavec.api.records.metadata.RecordMetaData> meta = first.getExampleMetaData(org.datavec.api.records.metadata.RecordMetaData.class);
        RavdessFileName name = RavdessFileName.parse(Path.of(meta.get(0).getURI()));
        assertEquals(2, name.actor(), "metadata gives the actor for splits and reports");
        int labelIndex = first.getLabels().getRow(0).argMax().getInt(0);
        assertEquals(LabelOrder.SEED_SPEECH.indexOf(name.emotion()), labelIndex);
        int batches = 1;
        while (it.hasNext()) {
            it.next();
            batches++;
        }
        assertEquals(15, batches, "60 clips of actor 02 in batches of 4");
    }

    @Test
    void recordEqualsTheSeedsScaledInput() throws Exception {
        SpeechRecordReader reader = new SpeechRecordReader(SpeechInput.seed(SklearnScaler.read(SpeechFixtures.scaler())),
                RavdessLabelGenerator.seedSpeech());
        String clip = "03-01-05-02-01-02-02";
        reader.initialize(List.of(SpeechFixtures.wav(clip)));
        Record r = reader.nextRecord();
        float[] got = ((org.datavec.api.writable.NDArrayWritable) r.getRecord().get(0)).get().data().asFloat();
        double err = Npy.maxAbsDiff(got, Npy.read(SpeechFixtures.fixture(clip, "scaled")).toFloats());
        assertTrue(err < 1e-3, "scaled input error " + err);
        assertEquals(5, ((org.datavec.api.writable.IntWritable) r.getRecord().get(1)).get(), "angry = seed index 5");
        assertEquals(r.getRecord().get(1), reader.loadFromMetaData(r.getMetaData()).getRecord().get(1));
    }

    @Test
    void actorFoldsNeverSplitAnActor() {
        List<Path> files = RavdessFiles.list(SharedData.require("data/ravdess-speech"), ".wav");
        ActorFolds.Split fold0 = ActorFolds.split(files, 0);
        assertEquals(240, fold0.test().size(), "actors 01-04 are fold 0");
        assertTrue(fold0.train().isEmpty());
        ActorFolds.Split fold1 = ActorFolds.split(files, 1);
        assertTrue(fold1.test().isEmpty() && fold1.train().size() == 240);
        assertEquals(5, ActorFolds.foldOf(24));
        assertEquals(1, ActorFolds.foldOf(5));
    }
}
