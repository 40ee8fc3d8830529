// libFuzzer entry point: any bytes given to the questionnaire loader must produce a result or errors,
// never a crash, a hang, an escaping exception or invalid UTF-8 in a message. Built by
// scripts/fuzz-loader.sh (clang only); not part of the ctest suite.
#include "kiosk/core/questionnaire.h"
#include "kiosk/core/text.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    kiosk::core::LoadResult r = kiosk::core::ParseQuestionnaire(bytes, "fuzz.json");
    if (!r.Ok() && r.errors.empty()) std::abort();
    for (const auto& e : r.errors)
        if (!kiosk::core::IsValidUtf8(e.message) || (!e.pointer.empty() && e.pointer[0] != '/')) std::abort();
    return 0;
}
