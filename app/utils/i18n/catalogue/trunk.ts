/** Messages of the trunk leg (Sanming → Shanghai departures, manifests, arrival) (merged into app/utils/i18n/messages.ts): Simplified Chinese first, English second. */
export const trunkMessages = {
  "trunk.title": { zh: "三明干线", en: "Sanming trunk" },
  "trunk.intro": {
    zh: "三明集配中心到上海各仓的干线班次：按温层排车、发车、到达入仓。",
    en: "Trunk runs from the Sanming consolidation point to the Shanghai warehouses: loads per temperature class, departure, arrival and receipt.",
  },
  "trunk.readOnly": {
    zh: "只读：只有运营人员可以调整班次。",
    en: "Read only: only operators change trunk runs.",
  },
  "trunk.date": { zh: "发车日期", en: "Departure date" },
  "trunk.show": { zh: "查看", en: "Show" },
  "trunk.prevDay": { zh: "前一天", en: "Previous day" },
  "trunk.nextDay": { zh: "后一天", en: "Next day" },
  "trunk.noWarehouses": {
    zh: "您的机构还没有仓库。",
    en: "Your organization has no warehouse yet.",
  },
  "trunk.noDepartures": { zh: "当天没有班次。", en: "No runs that day." },
  "trunk.assign": { zh: "自动分配", en: "Assign automatically" },
  "trunk.assignHint": {
    zh: "把已确认的卖家订单按温层排入最早能按时到仓的班次；系统每 10 分钟也会自动运行。人工调整过的不会变动。",
    en: "Puts confirmed seller orders on the earliest run of their temperature class that arrives in time; the system also runs this every 10 minutes. Loads moved by hand stay put.",
  },
  "trunk.assigned": {
    zh: "已分配 {count} 批货物，{unassigned} 批未能分配。",
    en: "{count} loads assigned, {unassigned} could not be assigned.",
  },
  "trunk.status.scheduled": { zh: "待发车", en: "Scheduled" },
  "trunk.status.departed": { zh: "在途", en: "On the road" },
  "trunk.status.arrived": { zh: "已到达", en: "Arrived" },
  "trunk.status.cancelled": { zh: "已取消", en: "Cancelled" },
  "trunk.route": {
    zh: "{origin} 至 {warehouse}",
    en: "{origin} → {warehouse}",
  },
  "trunk.runTitle": { zh: "{time} {temp}班次", en: "{time} {temp} run" },
  "trunk.times": {
    zh: "截单 {cutoff} · 发车 {departs} · 预计到达 {arrives}",
    en: "Cut-off {cutoff} · departs {departs} · arrives {arrives}",
  },
  "trunk.departedAt": { zh: "实际发车 {time}", en: "Departed {time}" },
  "trunk.arrivedAt": { zh: "实际到达 {time}", en: "Arrived {time}" },
  "trunk.plate": { zh: "车牌 {plate}", en: "Plate {plate}" },
  "trunk.noPlate": { zh: "未填车牌", en: "No plate yet" },
  "trunk.loadLabel": { zh: "装载", en: "Load" },
  "trunk.load": {
    zh: "已装 {loaded} / 载重 {capacity}（{percent}%）",
    en: "{loaded} / {capacity} ({percent}%)",
  },
  "trunk.sellers": { zh: "各卖家装载", en: "Load per seller" },
  "trunk.sellerLine": {
    zh: "{seller}：{weight}，{count} 单",
    en: "{seller}: {weight}, {count} orders",
  },
  "trunk.orders": { zh: "卖家订单（{count}）", en: "Seller orders ({count})" },
  "trunk.empty": { zh: "尚无货物。", en: "Nothing loaded yet." },
  "trunk.manual": { zh: "人工", en: "By hand" },
  "trunk.slot": { zh: "配送 {time}", en: "Delivery {time}" },
  "trunk.depart": { zh: "发车", en: "Depart" },
  "trunk.departOf": { zh: "{run} 发车", en: "Mark {run} departed" },
  "trunk.arrive": { zh: "到达", en: "Arrived" },
  "trunk.arriveOf": { zh: "{run} 到达", en: "Mark {run} arrived" },
  "trunk.manifest": { zh: "装车清单 PDF", en: "Manifest PDF" },
  "trunk.edit": { zh: "修改班次", en: "Edit run" },
  "trunk.save": { zh: "保存", en: "Save" },
  "trunk.moveTo": { zh: "改排到", en: "Move to" },
  "trunk.moveLabel": {
    zh: "{number} 的{temp}货物改排到",
    en: "Move the {temp} goods of {number} to",
  },
  "trunk.move": { zh: "调整", en: "Move" },
  "trunk.chooseRun": { zh: "选择班次", en: "Choose a run" },
  "trunk.runOption": {
    zh: "{time} · {plate} · 剩余 {free}",
    en: "{time} · {plate} · {free} free",
  },
  "trunk.departed": {
    zh: "已发车：{count} 个卖家订单随车出发。",
    en: "Departed: {count} seller orders left with the run.",
  },
  "trunk.movedNext": {
    zh: "{number}（{seller}）未按时打包，已改排 {plate} {time} 的班次。",
    en: "{number} ({seller}) was not packed in time: moved to the {time} run {plate}.",
  },
  "trunk.movedNone": {
    zh: "{number}（{seller}）未按时打包，没有可改排的班次，已回到待分配。",
    en: "{number} ({seller}) was not packed in time and no later run has room: back to unassigned.",
  },
  "trunk.arrived": {
    zh: "已到达：{count} 个卖家订单已入仓。",
    en: "Arrived: {count} seller orders received at the warehouse.",
  },
  "trunk.arrivedAgain": {
    zh: "该班次此前已到达；补办入仓 {count} 个卖家订单。",
    en: "The run had already arrived; {count} pending receipts done.",
  },
  "trunk.waiting": {
    zh: "{numbers} 还有其他温层的货物未到，全部到达后再入仓。",
    en: "{numbers}: other temperature classes still on the way; received once all have arrived.",
  },
  "trunk.placed": {
    zh: "已调整 {number} 的班次。",
    en: "Moved {number} to another run.",
  },
  "trunk.refused.full": {
    zh: "该班次剩余装载不足。",
    en: "That run has not enough room left.",
  },
  "trunk.refused.wrong_class": {
    zh: "温层不符：只能改排到同一温层的班次。",
    en: "Wrong temperature class: choose a run of the same class.",
  },
  "trunk.refused.wrong_warehouse": {
    zh: "只能改排到开往同一个仓库的班次。",
    en: "Choose a run to the same warehouse.",
  },
  "trunk.refused.not_scheduled": {
    zh: "该班次已发车或已取消，不能再装货。",
    en: "That run has left or was cancelled.",
  },
  "trunk.refused.invalid_state": {
    zh: "该卖家订单当前的状态不能调整班次。",
    en: "This seller order cannot change runs in its current state.",
  },
  "trunk.refused.nothing_to_load": {
    zh: "该卖家订单在这个温层没有货物。",
    en: "This seller order has no goods of that class.",
  },
  "trunk.refused.load_left": {
    zh: "货物已随原班次发车。",
    en: "The goods already left on their run.",
  },
  "trunk.refused.not_departed": {
    zh: "班次还没有发车，请先点“发车”。",
    en: "The run has not departed yet: mark it departed first.",
  },
  "trunk.refused.cancelled": {
    zh: "班次已取消。",
    en: "The run was cancelled.",
  },
  "trunk.refused.already_departed": {
    zh: "班次已经发车。",
    en: "The run has already departed.",
  },
  "trunk.unassigned.title": {
    zh: "未排车的卖家订单",
    en: "Seller orders not on a run",
  },
  "trunk.unassigned.empty": {
    zh: "已确认的卖家订单都已排车。",
    en: "Every confirmed seller order is on a run.",
  },
  "trunk.unassigned.line": {
    zh: "{seller} · {temp} {weight} · 配送 {slot}",
    en: "{seller} · {temp} {weight} · delivery {slot}",
  },
  "trunk.reason.pending": {
    zh: "待分配：下次自动分配（或系统每 10 分钟一次）时排车",
    en: "Pending: placed at the next assignment (or the system's 10-minute run)",
  },
  "trunk.reason.no_departure": {
    zh: "没有可用的同温层班次（截单已过或尚未排班）",
    en: "No open run of this class (cut-off passed or none scheduled)",
  },
  "trunk.reason.full": {
    zh: "能按时到仓的班次都已满载",
    en: "The runs that arrive in time are full",
  },
  "trunk.reason.too_late": {
    zh: "现有班次到仓太晚，赶不上配送时段",
    en: "The runs arrive too late for the delivery slot",
  },
  "trunk.new.title": { zh: "新建班次", en: "New run" },
  "trunk.field.warehouse": { zh: "到达仓库", en: "Warehouse" },
  "trunk.field.chooseWarehouse": { zh: "选择仓库", en: "Choose a warehouse" },
  "trunk.field.tempClass": { zh: "温层", en: "Temperature class" },
  "trunk.field.chooseTemp": { zh: "选择温层", en: "Choose a class" },
  "trunk.field.date": { zh: "发车日期", en: "Departure date" },
  "trunk.field.cutoffTime": { zh: "截单时间", en: "Cut-off" },
  "trunk.field.departTime": { zh: "发车时间", en: "Departs at" },
  "trunk.field.arriveTime": { zh: "到达时间", en: "Arrives at" },
  "trunk.field.timeHint": {
    zh: "北京时间，24 小时制，如 14:00",
    en: "Beijing time, 24-hour, e.g. 14:00",
  },
  "trunk.field.arriveHint": {
    zh: "早于发车时间即为次日到达",
    en: "Earlier than the departure: the next day",
  },
  "trunk.field.capacityKg": { zh: "载重（公斤）", en: "Capacity (kg)" },
  "trunk.field.vehiclePlate": { zh: "车牌", en: "Plate" },
  "trunk.create": { zh: "创建班次", en: "Create run" },
  "trunk.created": { zh: "已创建班次。", en: "Run created." },
  "trunk.saved": { zh: "已保存班次。", en: "Run saved." },
  "trunk.error.time": {
    zh: "请输入 24 小时制时间，如 14:00",
    en: "Enter a 24-hour time such as 14:00",
  },
  "trunk.error.warehouse": { zh: "请选择仓库", en: "Choose a warehouse" },
  "trunk.error.tempClass": {
    zh: "请选择温层",
    en: "Choose a temperature class",
  },
  "trunk.error.date": { zh: "请输入有效日期", en: "Enter a valid date" },
  "trunk.error.cutoffAfterDepart": {
    zh: "截单时间不能晚于发车时间",
    en: "The cut-off cannot be after the departure",
  },
  "trunk.error.capacity": {
    zh: "请输入 1 到 40000 公斤之间的载重",
    en: "Enter a capacity between 1 and 40,000 kg",
  },
  "trunk.error.departure": { zh: "班次无效", en: "Unknown run" },
  "trunk.error.sellerOrder": { zh: "卖家订单无效", en: "Unknown seller order" },
  "trunk.error.duplicate": {
    zh: "该仓库同一温层在这个时间已有班次",
    en: "That warehouse already has a run of this class at this time",
  },
  "trunk.error.departPassed": {
    zh: "发车时间已过",
    en: "The departure time has passed",
  },
  "trunk.error.hasLoads": {
    zh: "班次已有货物，不能更改仓库或温层",
    en: "The run carries goods: its warehouse and class cannot change",
  },
  "trunk.error.belowLoaded": {
    zh: "载重不能低于已装货物",
    en: "The capacity cannot be below what is loaded",
  },
  "trunk.error.notScheduled": {
    zh: "只有待发车的班次可以修改",
    en: "Only scheduled runs can be edited",
  },
  "trunk.outlook.title": {
    zh: "明日可用库存",
    en: "Stock for tomorrow's plan",
  },
  "trunk.outlook.intro": {
    zh: "{date} 配送计划可用的货物：已到仓、在途或待发、尚未排车。",
    en: "Goods for the {date} delivery plan: at the warehouse, on the way or scheduled, not yet on a run.",
  },
  "trunk.outlook.arrived": { zh: "已到仓", en: "Arrived" },
  "trunk.outlook.expected": { zh: "在途/待发", en: "Expected" },
  "trunk.outlook.unassigned": { zh: "未排车", en: "Not on a run" },
  "trunk.outlook.eta": { zh: "最晚 {time} 到达", en: "last arrives {time}" },
  "trunk.outlook.empty": { zh: "暂无订单。", en: "No orders yet." },
  "trunk.outlook.byProduct": {
    zh: "按商品查看（{count} 种）",
    en: "By product ({count})",
  },
  "trunk.outlook.product": { zh: "商品", en: "Product" },
  "trunk.outlook.cell": {
    zh: "{packs} 件 · {weight}",
    en: "{packs} packs · {weight}",
  },
  "trunk.pdf.title": { zh: "干线装车清单", en: "Trunk manifest" },
  "trunk.pdf.route": {
    zh: "始发：{origin}　→　到达：{destination}",
    en: "From {origin} → to {destination}",
  },
  "trunk.pdf.facts": {
    zh: "温层：{temp}　车牌：{plate}　状态：{status}",
    en: "Class: {temp}   Plate: {plate}   Status: {status}",
  },
  "trunk.pdf.times": {
    zh: "截单 {cutoff}　发车 {departs}　预计到达 {arrives}",
    en: "Cut-off {cutoff}   departs {departs}   arrives {arrives}",
  },
  "trunk.pdf.generated": { zh: "生成于 {time}", en: "Generated {time}" },
  "trunk.pdf.seller": { zh: "卖家：{seller}", en: "Seller: {seller}" },
  "trunk.pdf.order": {
    zh: "订单 {number} · {buyer} · 配送 {slot}",
    en: "Order {number} · {buyer} · delivery {slot}",
  },
  "trunk.pdf.col.product": { zh: "商品 / 规格", en: "Product / pack" },
  "trunk.pdf.col.lot": { zh: "批次", en: "Lot" },
  "trunk.pdf.col.packs": { zh: "件数", en: "Packs" },
  "trunk.pdf.col.weight": { zh: "重量", en: "Weight" },
  "trunk.pdf.sellerTotal": {
    zh: "小计：{count} 单，{packs} 件，{weight}",
    en: "Subtotal: {count} orders, {packs} packs, {weight}",
  },
  "trunk.pdf.total": {
    zh: "合计：{sellers} 个卖家，{count} 单，{packs} 件，{weight}（载重 {capacity}）",
    en: "Total: {sellers} sellers, {count} orders, {packs} packs, {weight} (capacity {capacity})",
  },
  "trunk.pdf.signatures": { zh: "交接签字", en: "Hand-over signatures" },
  "trunk.pdf.sign.shipper": {
    zh: "发货方（三明集配中心）",
    en: "Shipper (Sanming hub)",
  },
  "trunk.pdf.sign.driver": { zh: "承运司机", en: "Driver" },
  "trunk.pdf.sign.receiver": { zh: "收货仓库", en: "Receiving warehouse" },
  "trunk.pdf.signLine": {
    zh: "签字：__________\n日期/时间：__________　温度：____ °C",
    en: "Signature: __________\nDate/time: __________   Temp: ____ °C",
  },
  "trunk.pdf.empty": {
    zh: "该班次尚无货物。",
    en: "Nothing is loaded on this run.",
  },
  "trunk.pdf.noLot": { zh: "无批次", en: "—" },
} as const satisfies Record<string, { zh: string; en: string }>;
