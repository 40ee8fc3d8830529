// storage_bench_save: durable save latency. Saves N results of a questionnaire (all items answered, as a
// citizen would) one transaction each through ResultStore::Save and prints the latency distribution and the
// file size. Used by scripts/bench-storage.sh; not a test (timings do not belong in unit tests).
//   storage_bench_save DB QUESTIONNAIRE [N]
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "storage/result_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

using namespace kiosk;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: storage_bench_save DB QUESTIONNAIRE [N]\n");
        return 2;
    }
    std::string db = argv[1];
    int n = argc > 3 ? std::atoi(argv[3]) : 1000;
    auto loaded = core::LoadQuestionnaireFile(argv[2]);
    if (!loaded.Ok() || n < 1) {
        std::fprintf(stderr, "storage_bench_save: bad questionnaire or count\n");
        return 2;
    }
    const core::Questionnaire& q = *loaded.questionnaire;
    std::mt19937 rng(42);
    std::vector<double> ms;
    try {
        storage::StoreConfig config;
        config.path = db;
        storage::ResultStore store(config);
        for (int i = 0; i < n; ++i) {
            core::AnswerMap answers;
            for (const auto& ref : q.ItemOrder()) {
                const auto& item = q.areas[ref.area].competencies[ref.competency].items[ref.item];
                answers[item.id] = std::uniform_int_distribution<int>(
                    0, static_cast<int>(q.OptionsOf(item).size()) - 2)(rng);
            }
            core::Result result = core::ScoreAnswers(q, answers);
            storage::ResultRecord r;
            r.questionnaire = &q;
            r.result = &result;
            r.answers = &answers;
            r.language = "vi";
            r.date = storage::TodayLocalDate();
            auto t0 = std::chrono::steady_clock::now();
            store.Save(r);
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
    } catch (const storage::StorageError& e) {
        std::fprintf(stderr, "storage_bench_save: %s\n", e.what());
        return 1;
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double p) {
        return sorted[std::min(sorted.size() - 1,
                               static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
    };
    double sum = 0;
    for (double v : ms) sum += v;
    // After the store closed, the log was checkpointed into the file: its size is the whole footprint.
    auto bytes = std::filesystem::file_size(db);
    std::printf(
        "saves %d  p50 %.2f ms  p99 %.2f ms  mean %.2f ms  max %.2f ms  file %.1f KiB (%.1f KiB per 1000 "
        "results)\n",
        n, pct(0.50), pct(0.99), sum / n, sorted.back(), static_cast<double>(bytes) / 1024,
        static_cast<double>(bytes) / 1024 * 1000 / n);
    return 0;
}
