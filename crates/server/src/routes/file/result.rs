//! A stored file as the reference's FileResult.

use docreview_store::files::FileRow;
use docreview_wire::Id;
use docreview_wire::file::FileResult;

/// `document` only when asked for; `data` is null until extracted.
pub(crate) fn to_wire(row: FileRow, with_document: bool) -> FileResult {
    FileResult {
        id: Id(row.id),
        task_id: Id(row.task_id),
        task_type: row.task_type,
        batch_number: row.batch_number,
        name: row.name,
        format: row.format,
        recognition_status: row.recognition_status.code(),
        failure_causes: row.failure_causes,
        verification_status: row.verification_status,
        category: row.category,
        total_page_num: row.pages.len() as i64,
        pages: row.pages,
        data: row.data,
        document: if with_document { row.document } else { None },
        duration_ms: row.duration_ms,
        parser_params: row.parser_params,
    }
}
