// storage_bench_codec: decoding a result row's JSON columns (answers and competency scores) with the
// hand-written decoder in storage/record_codec.cpp against nlohmann's SAX parser filling the same vectors
// with the same shape checks, on the same rows, runs interleaved. Used by scripts/bench-storage.sh to
// decide whether the hand-written decoder earns its keep; not a test (timings do not belong in tests).
//   storage_bench_codec QUESTIONNAIRE [ROWS] [RUNS]
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/scoring.h"
#include "storage/record_codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace kiosk;
using storage::StoredScore;

namespace {

// Answers {"item": index, …}: only unsigned integers under string keys, in one flat object.
struct AnswersSax : nlohmann::json_sax<nlohmann::json> {
    std::vector<std::pair<std::string, int>>* out = nullptr;
    std::size_t n = 0;
    int depth = 0;
    bool haveKey = false;
    bool Value(long long v) {
        if (depth != 1 || !haveKey || v < 0) return false;
        (*out)[n - 1].second = static_cast<int>(v);
        haveKey = false;
        return true;
    }
    bool null() override { return false; }
    bool boolean(bool) override { return false; }
    bool number_integer(number_integer_t v) override { return Value(v); }
    bool number_unsigned(number_unsigned_t v) override { return Value(static_cast<long long>(v)); }
    bool number_float(number_float_t, const string_t&) override { return false; }
    bool string(string_t&) override { return false; }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return ++depth == 1; }
    bool key(string_t& k) override {
        if (n == out->size()) out->emplace_back();
        (*out)[n++].first = k;
        haveKey = true;
        return true;
    }
    bool end_object() override { return --depth == 0 && !haveKey; }
    bool start_array(std::size_t) override { return false; }
    bool end_array() override { return false; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

// Scores {"id": [score, "level"] | null, …}.
struct ScoresSax : nlohmann::json_sax<nlohmann::json> {
    std::vector<StoredScore>* out = nullptr;
    std::size_t n = 0;
    int depth = 0, inArray = 0;  // inArray: 0 = not, 1 = expecting the score, 2 = the level, 3 = done
    bool Score(double v) {
        if (inArray != 1) return false;
        (*out)[n - 1].score = v;
        inArray = 2;
        return true;
    }
    bool null() override {
        if (depth != 1 || inArray) return false;
        (*out)[n - 1].score.reset();
        (*out)[n - 1].level.clear();
        return true;
    }
    bool boolean(bool) override { return false; }
    bool number_integer(number_integer_t v) override { return Score(static_cast<double>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return Score(static_cast<double>(v)); }
    bool number_float(number_float_t v, const string_t&) override { return Score(v); }
    bool string(string_t& s) override {
        if (inArray != 2) return false;
        (*out)[n - 1].level = s;
        inArray = 3;
        return true;
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return ++depth == 1; }
    bool key(string_t& k) override {
        if (n == out->size()) out->emplace_back();
        (*out)[n++].id = k;
        return true;
    }
    bool end_object() override { return --depth == 0; }
    bool start_array(std::size_t) override {
        if (depth != 1 || inArray) return false;
        inArray = 1;
        return true;
    }
    bool end_array() override {
        if (inArray != 3) return false;
        inArray = 0;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: storage_bench_codec QUESTIONNAIRE [ROWS] [RUNS]\n");
        return 2;
    }
    const int rows = argc > 2 ? std::atoi(argv[2]) : 20000;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    auto loaded = core::LoadQuestionnaireFile(argv[1]);
    if (!loaded.Ok() || rows < 1 || runs < 1) {
        std::fprintf(stderr, "storage_bench_codec: bad questionnaire, rows or runs\n");
        return 2;
    }
    const core::Questionnaire& q = *loaded.questionnaire;
    std::mt19937 rng(7);
    std::vector<std::string> answersJson, scoresJson;
    for (int i = 0; i < rows; ++i) {
        core::AnswerMap answers;
        for (const auto& ref : q.ItemOrder()) {
            const auto& item = q.areas[ref.area].competencies[ref.competency].items[ref.item];
            const int options = static_cast<int>(q.OptionsOf(item).size());
            answers[item.id] = std::uniform_int_distribution<int>(0, options - 1)(rng);
        }
        const core::Result r = core::ScoreAnswers(q, answers);
        answersJson.push_back(storage::codec::EncodeAnswers(q, answers));
        scoresJson.push_back(storage::codec::EncodeScores(r.competencies, q.scoring));
    }

    std::vector<std::pair<std::string, int>> a;
    std::vector<StoredScore> s;
    std::size_t checksum = 0;
    auto hand = [&] {
        for (int i = 0; i < rows; ++i) {
            if (!storage::codec::DecodeAnswers(answersJson[i], a) || !storage::codec::DecodeScores(scoresJson[i], s))
                return false;
            checksum += a.size() + s.size();
        }
        return true;
    };
    auto sax = [&] {
        for (int i = 0; i < rows; ++i) {
            AnswersSax as;
            as.out = &a;
            ScoresSax ss;
            ss.out = &s;
            if (!nlohmann::json::sax_parse(answersJson[i], &as) || !nlohmann::json::sax_parse(scoresJson[i], &ss))
                return false;
            a.resize(as.n);
            s.resize(ss.n);
            checksum += a.size() + s.size();
        }
        return true;
    };
    std::vector<double> handMs, saxMs;
    for (int run = 0; run < runs; ++run) {
        for (int which = 0; which < 2; ++which) {
            const auto start = std::chrono::steady_clock::now();
            const bool ok = which == 0 ? hand() : sax();
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (!ok) {
                std::fprintf(stderr, "storage_bench_codec: %s decoder refused a row it should read\n",
                             which == 0 ? "hand-written" : "SAX");
                return 1;
            }
            (which == 0 ? handMs : saxMs).push_back(ms);
        }
    }
    const double h = Median(handMs), x = Median(saxMs);
    std::printf("   %d rows (answers to %zu items + %zu competency scores each), median of %d interleaved runs:\n", rows,
                q.ItemCount(), a.size() ? s.size() : 0, runs);
    std::printf("   hand-written decoder %.1f ms (%.2f us/row); nlohmann SAX %.1f ms (%.2f us/row); SAX/hand = %.2fx\n", h,
                1000.0 * h / rows, x, 1000.0 * x / rows, x / h);
    std::printf("   (checksum %zu)\n", checksum);
    return 0;
}
