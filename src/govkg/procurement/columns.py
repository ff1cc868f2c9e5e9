"""The one table of procurement column headers: each column's key and what offices call it.

Matching ignores case, width, spaces, ``_``/``-``, ``*`` marks, a unit in brackets and the script
(traditional headers such as 購買主體 match 购买主体). ``docs/procurement.md`` lists this table and a
test keeps the two the same. ``period`` (起止日期 ``2024-01-01至2024-12-31``) stands for
``start_date`` and ``end_date`` in one cell.
"""

from __future__ import annotations

from govkg.tabular import HeaderMap

#: key -> (Chinese header written in the template, English name, synonyms …)
COLUMN_TABLE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "id": ("项目编号", "record id", ("编号", "序号", "合同编号", "记录编号", "项目代码", "ID", "No", "record")),
    "purchaser": ("购买主体", "purchaser", ("购买单位", "购买方", "采购人", "采购单位", "甲方", "purchaser_name")),
    "purchaser_type": ("购买主体类别", "purchaser category", (
        "购买主体类型", "购买主体性质", "购买单位类别", "购买单位性质", "采购人类别", "采购人性质", "purchaser_category")),
    "provider": ("承接主体", "provider", ("承接单位", "承接方", "供应商", "服务提供方", "乙方", "provider_name")),
    "provider_type": ("承接主体类别", "provider category", (
        "承接主体类型", "承接主体性质", "承接单位类别", "承接单位性质", "供应商类别", "供应商性质", "provider_category")),
    "service": ("服务内容", "service", ("服务项目", "项目名称", "购买服务内容", "服务名称", "购买服务项目", "service_name")),
    "content_type": ("购买内容类型", "content type", (
        "内容类型", "服务类型", "服务类别", "购买服务类别", "购买内容类别", "购买服务类型", "content")),
    "mode": ("购买形式", "purchase mode", ("购买方式", "形式", "purchase_mode")),
    "method": ("采购方式", "procurement method", ("承接主体确定方式", "确定承接主体方式", "选择方式", "procurement_method")),
    "start_date": ("开始日期", "start date", ("起始日期", "服务开始日期", "合同开始日期", "履约开始日期", "start", "起始时间", "开始时间")),
    "end_date": ("结束日期", "end date", ("截止日期", "终止日期", "服务结束日期", "合同结束日期", "履约结束日期", "end", "结束时间", "截止时间")),
    "period": ("起止日期", "term (start to end)", ("起止时间", "服务期限", "合同期限", "履约期限", "服务期间", "term")),
    "budgeted": ("是否纳入预算", "budgeted", ("纳入预算", "已纳入预算", "是否列入预算", "列入预算", "预算安排")),
    "continuous": ("是否延续性服务", "stable and continuous", (
        "延续性服务", "是否延续", "是否持续性服务", "持续性服务", "是否为延续性服务", "stable_continuous")),
    "subcontract": ("分包转包情况", "subcontracting", ("分包转包", "是否分包", "分包情况", "转包分包")),
    "subcontract_approved": ("分包是否经同意", "subcontract approved", (
        "分包经同意", "分包是否经购买主体同意", "购买主体同意分包", "分包同意")),
    "amount": ("金额", "amount", ("合同金额", "项目金额", "采购金额", "预算金额", "购买金额", "金额元", "contract_amount")),
}

#: key -> (Chinese, English) explanation, shown as the header's comment in the template
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "id": ("每条记录唯一的编号，例如 GS-2024-001。", "A unique id for each record, e.g. GS-2024-001."),
    "purchaser": ("购买服务的单位全称。", "Full name of the body that buys the service."),
    "purchaser_type": ("购买主体的类别，从下拉列表选择。", "The purchaser's category; pick from the list."),
    "provider": ("承接服务的单位全称；多个承接主体用分号（;）分隔。",
                 "Full name of the provider; several providers separated by ';'."),
    "provider_type": ("承接主体的类别，从下拉列表选择。", "The provider's category; pick from the list."),
    "service": ("所购买服务的内容。", "What service is bought."),
    "content_type": ("购买内容的类型，从下拉列表选择。", "The kind of content; pick from the list."),
    "mode": ("合同制或凭单制。", "Contract or voucher."),
    "method": ("确定承接主体的方式，从下拉列表选择。", "How the provider was chosen; pick from the list."),
    "start_date": ("服务开始日期，如 2024-01-01。", "First day of the service, e.g. 2024-01-01."),
    "end_date": ("服务结束日期，如 2024-12-31。", "Last day of the service, e.g. 2024-12-31."),
    "budgeted": ("是否已纳入预算：是 或 否。", "Is the project in the budget: 是 (yes) or 否 (no)."),
    "continuous": ("是否为延续性、稳定的服务：是 或 否。", "Is it a stable, continuous service: 是 or 否."),
    "subcontract": ("无、分包 或 转包。", "None (无), subcontracted (分包) or transferred whole (转包)."),
    "subcontract_approved": ("分包是否经购买主体同意：是 或 否；无分包可留空。",
                             "Did the purchaser consent to the subcontract: 是 or 否; empty if none."),
    "amount": ("合同金额（元），如 360000 或 36万元。", "Contract amount in yuan, e.g. 360000 or 36万元."),
}

#: columns a file must have (``period`` may stand for both dates; ``amount`` may be left out)
REQUIRED_COLUMNS = ("id", "purchaser", "purchaser_type", "provider", "provider_type", "service",
                    "content_type", "mode", "method", "start_date", "end_date", "budgeted", "continuous",
                    "subcontract", "subcontract_approved")

HEADERS = HeaderMap({key: (zh, en, *words) for key, (zh, en, words) in COLUMN_TABLE.items()})


def column_label(key: str) -> str:
    """``购买主体 purchaser`` for messages and the template."""
    zh, en, _words = COLUMN_TABLE[key]
    return f"{zh} {key}"


__all__ = ["COLUMN_TABLE", "REQUIRED_COLUMNS", "HEADERS", "column_label"]
