package org.affect4j.audio.features;

/** librosa 0.9.1 {@code filters.mel(..., htk=False, norm='slaney', dtype=float32)}: Slaney mel scale and area norm. */
final class MelFilterBank {

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOGSTEP = Math.log(6.4) / 27.0;

    private MelFilterBank() {
    }

    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
    }

    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /** numpy.linspace(start, stop, num) with endpoint: start + i·step, last element exactly stop. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** Weights [nMels][1 + nFft/2], each rounded to float32 as librosa stores them. */
    static double[][] slaney(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        int bins = 1 + nFft / 2;
        double[] fftFreqs = linspace(0, sampleRate / 2.0, bins);
        double[] mels = linspace(hzToMel(fMin), hzToMel(fMax), nMels + 2);
        double[] melF = new double[mels.length];
        for (int i = 0; i < mels.length; i++) {
            melF[i] = melToHz(mels[i]);
        }
        double[][] w = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double fdiffLo = melF[m + 1] - melF[m];
            double fdiffHi = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / fdiffLo;
                double upper = (melF[m + 2] - fftFreqs[k]) / fdiffHi;
                float v = (float) Math.max(0, Math.min(lower, upper));
                w[m][k] = (float) (v * enorm);
            }
        }
        return w;
    }
}
