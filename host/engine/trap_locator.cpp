#include "engine/trap_locator.h"

#include <wabt/binary-reader-ir.h>
#include <wabt/binary-reader.h>
#include <wabt/binary-writer.h>
#include <wabt/cast.h>
#include <wabt/ir.h>
#include <wabt/stream.h>

#include <iterator>
#include <memory>

namespace wasishim::interp_engine {

namespace {

void insert_marker(wabt::ExprList& list, wabt::ExprList::iterator before, uint32_t func,
                   wabt::Index global) {
  list.insert(before, std::make_unique<wabt::ConstExpr>(wabt::Const::I32(func)));
  list.insert(before, std::make_unique<wabt::GlobalSetExpr>(wabt::Var(global, wabt::Location())));
}

// Marks `func` as the current frame after every call in `list` (and in the
// blocks nested in it): control is back in `func` once a call returns.
void mark_after_calls(wabt::ExprList& list, uint32_t func, wabt::Index global) {
  for (auto it = list.begin(); it != list.end(); ++it) {
    switch (it->type()) {
      case wabt::ExprType::Call:
      case wabt::ExprType::CallIndirect:
      case wabt::ExprType::CallRef:
        insert_marker(list, std::next(it), func, global);
        std::advance(it, 2);
        break;
      case wabt::ExprType::Block:
        mark_after_calls(wabt::cast<wabt::BlockExpr>(&*it)->block.exprs, func, global);
        break;
      case wabt::ExprType::Loop:
        mark_after_calls(wabt::cast<wabt::LoopExpr>(&*it)->block.exprs, func, global);
        break;
      case wabt::ExprType::If: {
        auto* e = wabt::cast<wabt::IfExpr>(&*it);
        mark_after_calls(e->true_.exprs, func, global);
        mark_after_calls(e->false_, func, global);
        break;
      }
      case wabt::ExprType::Try: {
        auto* e = wabt::cast<wabt::TryExpr>(&*it);
        mark_after_calls(e->block.exprs, func, global);
        // A caught exception may come from a callee: the catch runs in `func`.
        for (auto& c : e->catches) {
          mark_after_calls(c.exprs, func, global);
          insert_marker(c.exprs, c.exprs.begin(), func, global);
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::optional<Instrumented> instrument_frames(const uint8_t* bytes, size_t size) {
  wabt::Module ir;
  wabt::Errors errors;
  wabt::Features features;
  features.enable_exceptions();  // as the interpreter reads it
  wabt::ReadBinaryOptions read_options(features, nullptr, /*read_debug_names=*/true,
                                       /*stop_on_first_error=*/true,
                                       /*fail_on_custom_section_error=*/false);
  if (wabt::Failed(wabt::ReadBinaryIr("module", bytes, size, read_options, &errors, &ir))) {
    return std::nullopt;
  }
  // Appended after every existing global, so no existing index moves.
  const wabt::Index global = static_cast<wabt::Index>(ir.globals.size());
  auto field = std::make_unique<wabt::GlobalModuleField>(wabt::Location(), "");
  field->global.type = wabt::Type::I32;
  field->global.mutable_ = true;
  field->global.init_expr.push_back(std::make_unique<wabt::ConstExpr>(wabt::Const::I32(kNoFrame)));
  ir.AppendField(std::move(field));

  for (size_t i = ir.num_func_imports; i < ir.funcs.size(); ++i) {
    wabt::Func* f = ir.funcs[i];
    const uint32_t index = static_cast<uint32_t>(i);
    mark_after_calls(f->exprs, index, global);
    insert_marker(f->exprs, f->exprs.begin(), index, global);
  }

  wabt::MemoryStream stream;
  wabt::WriteBinaryOptions write_options(features, /*canonicalize_lebs=*/true,
                                         /*relocatable=*/false, /*write_debug_names=*/false);
  if (wabt::Failed(wabt::WriteBinaryModule(&stream, &ir, write_options))) return std::nullopt;
  Instrumented out;
  out.bytes = std::move(stream.output_buffer().data);
  out.frame_global = global;
  return out;
}

}  // namespace wasishim::interp_engine
