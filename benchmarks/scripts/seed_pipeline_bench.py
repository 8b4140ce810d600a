#!/usr/bin/python3
"""Times the seed's speech pipeline per clip at batch 1 (librosa 0.9.1 load + mel + scaler + network), stage by
stage, as the side-by-side script needs. Our own timing harness around the shared reference tools.
usage: seed_pipeline_bench.py WAV SPEECH_REF_DIR THREADS"""
import pickle, statistics, sys, time
import librosa, numpy as np, torch
from speech_ref import load_model

wav, ref, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
torch.set_num_threads(threads)
model = load_model(ref + '/cnn_transf_parallel_model.pt')
scaler = pickle.load(open(ref + '/speech_data_scaler.pkl', 'rb'))
stages = {'load': [], 'mel': [], 'scaler': [], 'network': [], 'total': []}
for i in range(40):
    t0 = time.perf_counter()
    audio, _ = librosa.load(wav, duration=3, offset=0.5, sr=48000)
    signal = np.zeros(48000 * 3); signal[:len(audio)] = audio
    t1 = time.perf_counter()
    mel = librosa.power_to_db(librosa.feature.melspectrogram(y=signal, sr=48000, n_fft=1024, win_length=512,
                              window='hamming', hop_length=256, n_mels=128, fmax=24000), ref=np.max)
    t2 = time.perf_counter()
    x = torch.FloatTensor(scaler.transform(mel.reshape(1, -1)).reshape(1, 1, 128, 563))
    t3 = time.perf_counter()
    with torch.no_grad():
        model(x)
    t4 = time.perf_counter()
    if i >= 5:
        for k, v in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            stages[k].append(v * 1e3)
for k, v in stages.items():
    print(f'{k} median={statistics.median(v):.2f}ms')
