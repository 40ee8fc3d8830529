// Strict JSON reading for files people edit by hand: BOM and CRLF accepted, duplicate keys, excessive
// nesting, non-finite numbers and bad UTF-8 reported with a JSON Pointer and line/column. Never throws.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

struct Diagnostic {
    std::string pointer;  // JSON Pointer of the offending value ("" = whole document)
    std::string message;
    int line = 0;  // 1-based; 0 when not known (semantic errors)
    int column = 0;
};

struct JsonReadResult {
    nlohmann::json value;  // valid only when `ok`
    bool ok = false;
    std::vector<Diagnostic> errors;
};

struct JsonReadOptions {
    std::size_t maxDepth = 64;
};

// Parses `bytes` (optionally starting with a UTF-8 BOM). All errors found are returned; on a syntax error
// parsing stops there (line/column set). Duplicate keys are reported but parsing goes on.
JsonReadResult ReadJson(std::string_view bytes, const JsonReadOptions& options = {});

// Finds where the value at each JSON Pointer starts in `bytes` (a document ReadJson accepted), for error
// messages a person can follow in an editor. A pointer to something that does not exist (a missing key)
// resolves to its nearest existing ancestor. Returns 1-based {line, column} per input pointer; {0, 0} when
// not found.
std::vector<std::pair<int, int>> LocatePointers(std::string_view bytes,
                                                const std::vector<std::string>& pointers);

// Escapes a key for use as one JSON Pointer reference token (RFC 6901: ~ -> ~0, / -> ~1).
std::string PointerToken(std::string_view key);

}  // namespace kiosk::core
