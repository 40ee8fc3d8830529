// Normalization for speech: inputs -> the exact words handed to espeak-ng. The tables are meant to be read
// by a Vietnamese speaker; every entry of the shipped lexicons must appear in them.
#include "kiosk/core/speech_text.h"
#include "kiosk/core/text.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

namespace {

using kiosk::core::Lexicon;
using kiosk::core::NormalizeForSpeech;
using kiosk::core::SpokenNumber;

struct Case {
    const char* in;
    const char* out;
};

Lexicon ShippedLexicon(const std::string& lang) {
    std::string bytes, error;
    REQUIRE_MESSAGE(kiosk::core::ReadFileBytes(std::string(KIOSK_SOURCE_DIR) + "/assets/speech/lexicon." + lang + ".json",
                                                bytes, error),
                    error);
    auto load = kiosk::core::ParseLexicon(bytes);
    for (const auto& e : load.errors) FAIL_CHECK(e.pointer << ": " << e.message);
    REQUIRE(load.lexicon);
    return *load.lexicon;
}

}  // namespace

TEST_CASE("Vietnamese numbers 0 to 1 000 000 are read as spoken") {
    const Case cases[] = {
        {"0", "không"},
        {"1", "một"},
        {"4", "bốn"},
        {"5", "năm"},
        {"10", "mười"},
        {"11", "mười một"},
        {"14", "mười bốn"},
        {"15", "mười lăm"},
        {"20", "hai mươi"},
        {"21", "hai mươi mốt"},
        {"24", "hai mươi tư"},
        {"25", "hai mươi lăm"},
        {"51", "năm mươi mốt"},
        {"52", "năm mươi hai"},
        {"55", "năm mươi lăm"},
        {"99", "chín mươi chín"},
        {"100", "một trăm"},
        {"101", "một trăm lẻ một"},
        {"105", "một trăm lẻ năm"},
        {"110", "một trăm mười"},
        {"111", "một trăm mười một"},
        {"115", "một trăm mười lăm"},
        {"121", "một trăm hai mươi mốt"},
        {"999", "chín trăm chín mươi chín"},
        {"1000", "một nghìn"},
        {"1005", "một nghìn không trăm lẻ năm"},
        {"1 005", "một nghìn không trăm lẻ năm"},
        {"1.005", "một nghìn không trăm lẻ năm"},
        {"1015", "một nghìn không trăm mười lăm"},
        {"1050", "một nghìn không trăm năm mươi"},
        {"1100", "một nghìn một trăm"},
        {"2024", "hai nghìn không trăm hai mươi tư"},
        {"2242", "hai nghìn hai trăm bốn mươi hai"},
        {"10 000", "mười nghìn"},
        {"15 000", "mười lăm nghìn"},
        {"21 000", "hai mươi mốt nghìn"},
        {"100 000", "một trăm nghìn"},
        {"105 000", "một trăm lẻ năm nghìn"},
        {"999 999", "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"},
        {"1 000 000", "một triệu"},
        {"1.000.000", "một triệu"},
        {"1000000", "một triệu"},
        {"1 000 500", "một triệu năm trăm"},
        {"1 005 000", "một triệu không trăm lẻ năm nghìn"},
    };
    Lexicon none;
    for (const auto& c : cases) CHECK_MESSAGE(NormalizeForSpeech(c.in, "vi", none) == c.out, c.in);
    CHECK(SpokenNumber(1000000, "vi") == "một triệu");
    CHECK(SpokenNumber(2000000000, "vi") == "hai tỷ");
}

TEST_CASE("Vietnamese decimals, percentages, dates and digit strings") {
    const Case cases[] = {
        {"52,0", "năm mươi hai phẩy không"},
        {"52,5 điểm", "năm mươi hai phẩy năm điểm"},
        {"3,25", "ba phẩy hai mươi lăm"},
        {"0,05", "không phẩy không năm"},
        {"1.234,5", "một nghìn hai trăm ba mươi tư phẩy năm"},
        {"15%", "mười lăm phần trăm"},
        {"52,5 %", "năm mươi hai phẩy năm phần trăm"},
        {"18/10/2024", "ngày mười tám tháng mười năm hai nghìn không trăm hai mươi tư"},
        {"ngày 18/10/2024", "ngày mười tám tháng mười năm hai nghìn không trăm hai mươi tư"},
        {"01/04/2025", "ngày một tháng tư năm hai nghìn không trăm hai mươi lăm"},
        {"Hạn 5/9.", "Hạn ngày năm tháng chín."},
        {"32/13/2024", "ba mươi hai mười ba hai nghìn không trăm hai mươi tư"},
        {"Gọi 113", "Gọi một trăm mười ba"},
        {"0905123456", "không chín không năm một hai ba bốn năm sáu"},
        {"0905 123 456", "không chín không năm một hai ba bốn năm sáu"},
        {"1234567890123", "một hai ba bốn năm sáu bảy tám chín không một hai ba"},
        {"DigComp 2.2", "DigComp hai chấm hai"},
        {"thang 100-điểm", "thang một trăm điểm"},
        {"(5 phút)", "(năm phút)"},
        {"Có 1, 2 hoặc 3 lựa chọn.", "Có một, hai hoặc ba lựa chọn."},
        {"Không có số nào.", "Không có số nào."},
    };
    Lexicon none;
    for (const auto& c : cases) CHECK_MESSAGE(NormalizeForSpeech(c.in, "vi", none) == c.out, c.in);
}

TEST_CASE("English numbers, decimals, percentages and dates") {
    const Case cases[] = {
        {"0", "zero"},
        {"15", "fifteen"},
        {"21", "twenty-one"},
        {"51", "fifty-one"},
        {"101", "one hundred one"},
        {"1005", "one thousand five"},
        {"1,000,000", "one million"},
        {"52.0", "fifty-two point zero"},
        {"15%", "fifteen percent"},
        {"18/10/2024", "eighteen October two thousand twenty-four"},
        {"0905 123 456", "zero nine zero five one two three four five six"},
        {"a 100-point scale", "a one hundred point scale"},
    };
    Lexicon none;
    for (const auto& c : cases) CHECK_MESSAGE(NormalizeForSpeech(c.in, "en", none) == c.out, c.in);
}

TEST_CASE("URLs and e-mail addresses are spelled out") {
    Lexicon vi = ShippedLexicon("vi"), en = ShippedLexicon("en");
    CHECK(NormalizeForSpeech("Vào dichvucong.gov.vn để nộp.", "vi", vi) ==
          "Vào dịch vụ công chấm gờ o vê chấm vê en để nộp.");
    CHECK(NormalizeForSpeech("https://www.dichvucong.gov.vn/", "vi", vi) ==
          "vê kép vê kép vê kép chấm dịch vụ công chấm gờ o vê chấm vê en");
    CHECK(NormalizeForSpeech("hotro@danang.gov.vn", "vi", vi) ==
          "hotro a còng danang chấm gờ o vê chấm vê en");
    CHECK(NormalizeForSpeech("Open dichvucong.gov.vn.", "en", en) == "Open dich vu cong dot gov dot V N.");
    // Not an address: a sentence's full stop between words, or a version number.
    CHECK(NormalizeForSpeech("Xong.Tiếp", "vi", vi) == "Xong.Tiếp");
}

namespace {
// Every lexicon entry as citizens meet it in a sentence, with the words the kiosk says.
const Case kViLexiconCases[] = {
    {"Mở VNeID.", "Mở vê en e ai đi."},
    {"Mã OTP", "Mã ô tê pê"},
    {"mã QR", "mã kiu a"},
    {"VietQR", "Việt kiu a"},
    {"UBND phường", "Ủy ban nhân dân phường"},
    {"2242/QĐ-UBND", "hai nghìn hai trăm bốn mươi hai quyết định Ủy ban nhân dân"},
    {"thẻ CCCD", "thẻ căn cước công dân"},
    {"Zalo", "Da lô"},
    {"Facebook", "Phây búc"},
    {"Google", "Gu gồ"},
    {"YouTube", "Diu túp"},
    {"TikTok", "Tích tốc"},
    {"iPhone", "ai phôn"},
    {"iCloud", "ai clao"},
    {"Wi-Fi", "oai phai"},
    {"4G/5G", "bốn gờ năm gờ"},
    {"tin nhắn SMS", "tin nhắn ét em ét"},
    {"mã PIN", "mã pin"},
    {"tệp PDF", "tệp pê đê ép"},
    {"ID", "ai đi"},
    {"EU", "Liên minh châu Âu"},
    {"DigComp", "Đích com"},
    {"DigCompSAT", "Đích com sát"},
    {"một app", "một áp"},
    {"App ngân hàng", "áp ngân hàng"},
    {"email", "i meo"},
    {"online", "trực tuyến"},
    {"gửi đường link lạ", "gửi đường linh lạ"},
    {"website", "trang web"},
    {"trên Internet", "trên in tơ nét"},
    {"dichvucong", "dịch vụ công"},
    {"www", "vê kép vê kép vê kép"},
    {"gov", "gờ o vê"},
    {"vn", "vê en"},
    {"com", "com"},
};
const Case kEnLexiconCases[] = {
    {"Open VNeID.", "Open V N e I D."},
    {"OTP code", "O T P code"},
    {"QR code", "Q R code"},
    {"VietQR", "Viet Q R"},
    {"the UBND", "the People's Committee"},
    {"No. 2242/QĐ-UBND", "No. two thousand two hundred forty-two decision People's Committee"},
    {"CCCD", "citizen identity card"},
    {"Zalo", "Zah-lo"},
    {"Wi-Fi", "wye-fye"},
    {"4G/5G", "four G five G"},
    {"SMS", "S M S"},
    {"PIN", "pin"},
    {"PDF", "P D F"},
    {"DigComp", "Dig Comp"},
    {"DigCompSAT", "Dig Comp sat"},
    {"dichvucong", "dich vu cong"},
    {"www", "W W W"},
    {"gov", "gov"},
    {"vn", "V N"},
};

void CheckCoversLexicon(const Lexicon& lex, const Case* begin, const Case* end) {
    std::set<std::string> inputs;
    for (const Case* c = begin; c != end; ++c) inputs.insert(c->in);
    for (const auto& [written, spoken] : lex.entries) {
        bool covered = false;
        for (const auto& in : inputs) covered = covered || in.find(written) != std::string::npos;
        CHECK_MESSAGE(covered, "lexicon entry \"" << written << "\" has no case in the table");
    }
}
}  // namespace

TEST_CASE("every Vietnamese lexicon entry is read as listed") {
    Lexicon vi = ShippedLexicon("vi");
    CHECK(vi.language == "vi");
    for (const auto& c : kViLexiconCases) CHECK_MESSAGE(NormalizeForSpeech(c.in, "vi", vi) == c.out, c.in);
    CheckCoversLexicon(vi, std::begin(kViLexiconCases), std::end(kViLexiconCases));
}

TEST_CASE("every English lexicon entry is read as listed") {
    Lexicon en = ShippedLexicon("en");
    CHECK(en.language == "en");
    for (const auto& c : kEnLexiconCases) CHECK_MESSAGE(NormalizeForSpeech(c.in, "en", en) == c.out, c.in);
    CheckCoversLexicon(en, std::begin(kEnLexiconCases), std::end(kEnLexiconCases));
}

TEST_CASE("lexicon entries match whole words only") {
    Lexicon vi = ShippedLexicon("vi");
    CHECK(NormalizeForSpeech("IDEA vnexpress comment", "vi", vi) == "IDEA vnexpress comment");
}

TEST_CASE("a broken lexicon is reported with pointers") {
    auto load = kiosk::core::ParseLexicon(R"({"format": "kiosk-lexicon/1", "entries": {"OTP": 5, "": "x"}, "entires": {}})");
    CHECK_FALSE(load.lexicon);
    std::set<std::string> pointers;
    for (const auto& e : load.errors) pointers.insert(e.pointer);
    CHECK(pointers.count("/entries/OTP"));
    CHECK(pointers.count("/entries/"));
    CHECK(pointers.count("/entires"));
    CHECK_FALSE(kiosk::core::ParseLexicon("{\"format\": \"kiosk-lexicon/1\", \"entries\": {\"a\": \"b\", \"a\": \"c\"}}").lexicon);
    CHECK_FALSE(kiosk::core::ParseLexicon("[").lexicon);
}

TEST_CASE("hostile text does not break normalization") {
    Lexicon vi = ShippedLexicon("vi");
    std::string digits(100000, '9');
    std::string out = NormalizeForSpeech(digits, "vi", vi);
    CHECK(kiosk::core::SpokenWordCount(out) == 100000);
    std::string bad = "\xff\xfe 12 \xc3";
    CHECK_FALSE(NormalizeForSpeech(bad, "vi", vi).empty());
    CHECK(NormalizeForSpeech("99999999999999999999999", "vi", vi).find("chín") == 0);
    CHECK(NormalizeForSpeech("1/1/", "vi", vi) == "một một/");
}
