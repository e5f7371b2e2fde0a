/**
 * Sobot return codes (FACT, "API return code") with their English text as printed in the doc.
 * ret_msg is localized by the `language` header, Chinese by default (FACT); the Chinese texts here
 * are the simulator's own rendering (GUESS), there only so that a client forgetting
 * `language: en` sees the difference.
 */
export const RET: Readonly<Record<string, readonly [en: string, zh: string]>> = {
  "000000": ["Success", "成功"],
  "700046": [
    "The current version purchased by the enterprise does not support the use of API(not available in free and overseas team versions)",
    "企业当前购买的版本不支持使用API",
  ],
  "900001": ["Blank token", "token为空"],
  "900002": ["Token expired. Get a new one", "token已失效，请重新获取"],
  "900003": ["signature error", "签名错误"],
  "900004": ["Company api configuration info not found", "未找到公司API配置信息"],
  "999999": ["Unknown System Exception", "未知系统异常"],
  "400001": ["Creation time cannot be blank", "创建时间不能为空"],
  "400002": ["Creation end time cannot be earlier than start time", "创建结束时间不能早于开始时间"],
  "400003": ["The creation time period queried cannot exceed one month", "查询的创建时间段不能超过一个月"],
  "400004": ["Request param cannot be null", "请求参数不能为空"],
  "400005": ["Wrong time format", "时间格式错误"],
  "400006": ["Operation agent ID cannot be blank", "操作客服ID不能为空"],
  "400007": ["Incorrect operation agent ID", "操作客服ID不正确"],
  "400008": ["Ticket category ID cannot be blank", "工单分类ID不能为空"],
  "400009": ["Ticket status cannot be blank", "工单状态不能为空"],
  "400010": ["Ticket source cannot be blank", "工单来源不能为空"],
  "400011": ["Ticket level cannot be blank", "工单优先级不能为空"],
  "400012": ["Skill group ID cannot be blank", "技能组ID不能为空"],
  "400013": ["Receiving agent group does not match receiving agent", "受理技能组与受理客服不匹配"],
  "400014": ["Request Failed", "请求失败"],
  "400015": ["Start time cannot be blank", "开始时间不能为空"],
  "400016": ["Access to ticket info expired, please refresh", "获取工单信息已过期，请刷新"],
  "400017": ["Update time cannot be blank", "更新时间不能为空"],
  "400018": ["Update end time cannot be earlier than start time", "更新结束时间不能早于开始时间"],
  "400019": ["Update time period queried about cannot exceed 1 month", "查询的更新时间段不能超过一个月"],
  "400020": ["Ticket info not found", "未找到工单信息"],
  "400021": ["Ticket reply info not found", "未找到工单回复信息"],
  "400057": ["End time cannot be earlier than start time", "结束时间不能早于开始时间"],
  "400314": ["The ticket status is incorrect", "工单状态不正确"],
};

export type Language = "en" | "zh";

export function retMsg(code: string, lang: Language): string {
  const entry = RET[code];
  if (!entry) return code;
  return lang === "en" ? entry[0] : entry[1];
}
