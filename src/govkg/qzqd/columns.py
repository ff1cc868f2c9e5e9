"""The one table of 权责清单 headers: each column's key and the names provinces give it.

Matched as :mod:`govkg.tabular` matches every header (width, spaces, script, brackets ignored).
``docs/qzqd.md`` lists this table and a test keeps the two the same.
"""

from __future__ import annotations

from govkg.tabular import HeaderMap

#: key -> (the usual header, English, variants …)
COLUMN_TABLE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "seq": ("序号", "row number", ("编号序号", "No")),
    "name": ("职权名称", "power", ("权力名称", "权力事项名称", "事项名称", "权责事项", "权责事项名称", "职权事项",
                               "权力事项", "职权项目名称", "项目名称", "power_name")),
    "subitem": ("子项名称", "sub-item", ("子项", "子项目名称", "职权子项")),
    "type": ("职权类型", "power type", ("权力类型", "事项类型", "权力类别", "职权类别", "权责类别", "类别", "类型",
                                    "power_type")),
    "code": ("职权编码", "code", ("权力编码", "事项编码", "编码", "权力代码", "事项代码", "基本编码", "权责编码",
                              "职权代码", "code")),
    "body": ("实施主体", "body", ("法定主体", "行使主体", "实施部门", "实施机关", "责任主体", "执法主体", "部门名称",
                              "部门", "承办机构", "body")),
    "basis": ("设定依据", "legal basis", ("法律依据", "法定依据", "实施依据", "依据", "设定和实施依据", "basis")),
    "steps": ("责任事项", "responsibility steps", ("责任事项内容", "责任内容", "职责事项", "steps")),
    "accountability": ("追责情形", "accountability", ("问责情形", "责任追究情形", "追责情形及依据", "追责依据",
                                                  "accountability")),
    "note": ("备注", "note", ("说明", "note")),
}

#: columns every list must have
REQUIRED = ("name", "type", "body")

HEADERS = HeaderMap({key: (zh, en, *words) for key, (zh, en, words) in COLUMN_TABLE.items()})

#: columns where a value must be one line (one power per row)
SINGLE_LINE = ("name", "type", "code", "body")
