// `…_audio` keys: shape checks over the parsed document, file checks against the questionnaire's folder.
// Paths come from files trainers copy from USB sticks, so they are treated as hostile: no absolute paths, no
// "..", no links that lead out of the folder, no devices or folders, nothing huge.
#include "kiosk/core/recordings.h"

#include "kiosk/core/json_reader.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <system_error>

namespace kiosk::core {
namespace {

namespace fs = std::filesystem;

const char* const kTextKeys[] = {"title", "description", "source", "recommendation", "text", "label"};
constexpr std::string_view kSuffix = "_audio";

bool EndsWithAudio(const std::string& key) {
    return key.size() > kSuffix.size() && key.compare(key.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

bool IsTextKey(std::string_view stem) {
    return std::any_of(std::begin(kTextKeys), std::end(kTextKeys), [&](const char* k) { return stem == k; });
}

// "" when the path is an acceptable relative path, else why not.
std::string PathShapeProblem(const std::string& path) {
    if (path.empty()) return "must be a file path relative to the questionnaire, e.g. \"audio/1.1-k1.vi.ogg\"";
    if (path.size() > kMaxRecordingPathLength)
        return "is longer than " + std::to_string(kMaxRecordingPathLength) + " characters";
    for (unsigned char c : path)
        if (c < 0x20 || c == 0x7F) return "must not contain control characters";
    if (path.find('\\') != std::string::npos) return "must use / between folders, not \\";
    if (path[0] == '/' || (path.size() >= 2 && path[1] == ':'))
        return "must be relative to the questionnaire's folder, not an absolute path";
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string_view part(path.data() + start, slash - start);
        if (part.empty()) return "must not contain empty folder names (// or a trailing /)";
        if (part == "..") return "must stay inside the questionnaire's folder (no \"..\")";
        if (part == ".") return "must not contain \".\" folders";
        start = slash + 1;
    }
    return "";
}

void Walk(const nlohmann::json& v, const std::string& ptr, const std::vector<std::string>& languages,
          std::map<std::string, LocalizedText>& out, std::vector<RecordingProblem>& problems) {
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            Walk(v[i], ptr + "/" + std::to_string(i), languages, out, problems);
        return;
    }
    if (!v.is_object()) return;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string& key = it.key();
        if (key.rfind("x-", 0) == 0) continue;
        std::string p = ptr + "/" + PointerToken(key);
        if (!EndsWithAudio(key)) {
            Walk(it.value(), p, languages, out, problems);
            continue;
        }
        std::string stem = key.substr(0, key.size() - kSuffix.size());
        if (!IsTextKey(stem)) continue;  // the unknown-key check reports it
        if (!v.contains(stem)) {
            problems.push_back({p, "is a recording of \"" + stem + "\", but there is no \"" + stem + "\" text here"});
            continue;
        }
        const nlohmann::json& rec = it.value();
        if (!rec.is_object()) {
            problems.push_back({p, "must be an object of recordings per language, e.g. {\"vi\": \"audio/1.vi.ogg\"}"});
            continue;
        }
        std::string textPtr = ptr + "/" + PointerToken(stem);
        for (auto r = rec.begin(); r != rec.end(); ++r) {
            if (r.key().rfind("x-", 0) == 0) continue;
            std::string rp = p + "/" + PointerToken(r.key());
            if (std::find(languages.begin(), languages.end(), r.key()) == languages.end()) {
                problems.push_back({rp, "language \"" + r.key() + "\" is not listed in /languages"});
                continue;
            }
            if (!r.value().is_string()) {
                problems.push_back({rp, "must be a file path (text), e.g. \"audio/1.vi.ogg\""});
                continue;
            }
            const std::string& path = r.value().get_ref<const std::string&>();
            std::string problem = PathShapeProblem(path);
            if (!problem.empty())
                problems.push_back({rp, problem});
            else
                out[textPtr][r.key()] = path;
        }
    }
}

std::atomic<RecordingDecodeCheck> g_decodeCheck{nullptr};

}  // namespace

bool IsRecordingKey(const std::string& key, std::initializer_list<const char*> allowed) {
    if (!EndsWithAudio(key)) return false;
    std::string_view stem(key.data(), key.size() - kSuffix.size());
    return IsTextKey(stem) && std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return stem == a; });
}

void CollectRecordings(const nlohmann::json& doc, const std::vector<std::string>& languages,
                       std::map<std::string, LocalizedText>& out, std::vector<RecordingProblem>& problems) {
    Walk(doc, "", languages, out, problems);
}

void SetRecordingDecodeCheck(RecordingDecodeCheck check) {
    g_decodeCheck.store(check);
}

std::vector<ValidationError> CheckRecordingFiles(const Questionnaire& q) {
    std::vector<ValidationError> errors;
    if (q.recordings.empty()) return errors;
    std::error_code ec;
    fs::path folder = fs::path(q.path).parent_path();
    if (folder.empty()) folder = ".";
    fs::path base = fs::canonical(folder, ec);
    RecordingDecodeCheck decode = g_decodeCheck.load();
    for (const auto& [textPtr, byLang] : q.recordings) {
        for (const auto& [lang, rel] : byLang) {
            std::string ptr = textPtr + "_audio/" + PointerToken(lang);
            auto error = [&](const std::string& m) { errors.push_back({q.path, ptr, "recording \"" + rel + "\" " + m, 0, 0}); };
            if (ec) {
                error("cannot be checked: the questionnaire's folder cannot be read (" + ec.message() + ")");
                continue;
            }
            std::error_code fec;
            fs::path full = fs::canonical(base / rel, fec);
            if (fec) {
                error("is missing (looked for " + (base / rel).string() + ")");
                continue;
            }
            std::string b = base.string(), f = full.string();
            if (f.size() <= b.size() + 1 || f.compare(0, b.size(), b) != 0 || (b != "/" && f[b.size()] != '/')) {
                error("leads outside the questionnaire's folder (through a link)");
                continue;
            }
            if (!fs::is_regular_file(full, fec)) {
                error("is not a regular file");
                continue;
            }
            std::uintmax_t size = fs::file_size(full, fec);
            if (fec || size > kMaxRecordingBytes) {
                error("is larger than " + std::to_string(kMaxRecordingBytes >> 20) + " MiB");
                continue;
            }
            if (decode) {
                std::string problem = decode(full.string());
                if (!problem.empty()) error(problem);
            }
        }
    }
    return errors;
}

bool CopyRecordings(const Questionnaire& q, const std::string& targetFolder, std::string& error) {
    fs::path folder = fs::path(q.path).parent_path();
    for (const auto& [textPtr, byLang] : q.recordings) {
        for (const auto& [lang, rel] : byLang) {
            // The shape check already refused "..", absolute paths and backslashes.
            fs::path dst = fs::path(targetFolder) / rel, tmp = dst;
            tmp += ".partial";
            std::error_code ec;
            fs::create_directories(dst.parent_path(), ec);
            if (!ec) fs::copy_file(folder / rel, tmp, fs::copy_options::overwrite_existing, ec);
            if (!ec) fs::rename(tmp, dst, ec);
            if (ec) {
                fs::remove(tmp, ec);
                error = "cannot copy recording \"" + rel + "\" to " + dst.string() + ": " + ec.message();
                return false;
            }
        }
    }
    return true;
}

std::string RecordingPath(const Questionnaire& q, const std::string& textPointer, std::string_view lang) {
    auto it = q.recordings.find(textPointer);
    if (it == q.recordings.end()) return "";
    auto r = it->second.find(std::string(lang));
    if (r == it->second.end()) return "";
    fs::path folder = fs::path(q.path).parent_path();
    return (folder.empty() ? fs::path(r->second) : folder / r->second).string();
}

}  // namespace kiosk::core
