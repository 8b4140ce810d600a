package org.affect4j.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.affect4j.core.Box;
import org.affect4j.core.Emotion;
import org.affect4j.core.LabelOrder;
import org.affect4j.core.Modality;
import org.affect4j.core.Prediction;
import org.junit.jupiter.api.Test;

/** Rows with and without a face or a prediction, written as CSV and JSON Lines. */
class TimelineWritersTest {

    /** Softmax of (ln 13, 0, …, 0) over 8 emotions: happy 13/20 = 0.65, the others 1/20. */
    private static Prediction happy() {
        LabelOrder order = LabelOrder.SEED_SPEECH;
        float[] logits = new float[order.size()];
        logits[order.emotions().indexOf(Emotion.HAPPY)] = (float) Math.log(13);
        return Prediction.fromLogits(logits, order, EnumSet.of(Modality.SPEECH, Modality.VIDEO));
    }

    @Test
    void rowsAreWrittenWithEmptyFieldsForWhatIsMissing() throws Exception {
        TimelineRow face = new TimelineRow(0, 0, 3, 1, Optional.of(new Box(10, 20, 110, 140)), Optional.of(happy()), 3, "");
        TimelineRow silent = new TimelineRow(1, 3, 6, -1, Optional.empty(), Optional.empty(), 1, "silent \"audio\"");
        StringWriter csvText = new StringWriter();
        StringWriter jsonText = new StringWriter();
        try (CsvTimelineWriter csv = new CsvTimelineWriter(csvText); JsonlTimelineWriter json = new JsonlTimelineWriter(jsonText)) {
            for (TimelineRow r : List.of(face, silent)) {
                csv.accept(r);
                json.accept(r);
            }
        }
        String[] lines = csvText.toString().split("\n");
        System.out.print(csvText);
        System.out.print(jsonText);
        assertEquals(3, lines.length);
        int columns = lines[0].split(",", -1).length;
        assertTrue(lines[1].startsWith("0,0.0000,3.0000,1,10.0000,20.0000,110.0000,140.0000,happy,0.6500,"), lines[1]);
        assertTrue(lines[1].endsWith(",speech+video,3.0000,false,"), lines[1]);
        assertTrue(lines[2].startsWith("1,3.0000,6.0000,-1,,,,,,,"), lines[2]);
        assertTrue(lines[2].endsWith(",1.0000,true,\"silent \"\"audio\"\"\""), lines[2]);
        assertEquals(columns, lines[1].split(",", -1).length);
        assertEquals(columns, lines[2].split(",", -1).length, "a row without prediction keeps every column");
        String[] json = jsonText.toString().split("\n");
        assertTrue(json[0].contains("\"box\":[10.0000,20.0000,110.0000,140.0000]") && json[0].contains("\"label\":\"happy\""), json[0]);
        assertTrue(json[1].contains("\"box\":null") && json[1].contains("\"label\":null")
                && json[1].endsWith("\"note\":\"silent \\\"audio\\\"\"}"), json[1]);
    }

    @Test
    void rowsHaveNoNulls() {
        assertThrows(NullPointerException.class, () -> new TimelineRow(0, 0, 3, -1, null, Optional.empty(), 3, ""));
        assertThrows(NullPointerException.class, () -> new TimelineRow(0, 0, 3, -1, Optional.empty(), null, 3, ""));
        assertThrows(NullPointerException.class, () -> new TimelineRow(0, 0, 3, -1, Optional.empty(), Optional.empty(), 3, null));
    }

    @Test
    void windowsCoverTheMediaAndAreBoundedByTheNetwork() {
        assertEquals(List.of(0.0, 1.5, 3.0, 4.5), TimelineWindows.starts(5.0, 3.0, 1.5));
        assertEquals(List.of(), TimelineWindows.starts(0.0, 3.0, 3.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimelineWindows.requireWindow(4.0, 3.0));
        assertTrue(e.getMessage().contains("(0, 3.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimelineWindows.starts(5.0, 3.0, 0));
    }
}
