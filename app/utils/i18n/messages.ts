/**
 * The one message catalogue: every user-facing string, Simplified Chinese first. Placeholders are
 * written {name} and must appear in both languages (messages.test.ts checks this).
 */
import { bulkImportMessages } from "./catalogue/bulk-import";
import { listingMessages } from "./catalogue/listing";
import { lotsMessages } from "./catalogue/lots";
import { onboardingMessages } from "./catalogue/onboarding";
import { photosMessages } from "./catalogue/photos";
import { stockMessages } from "./catalogue/stock";
import { searchMessages } from "./catalogue/search";
import { storefrontProductMessages } from "./catalogue/storefront-product";
import { storefrontListMessages } from "./catalogue/storefront-list";
import { checkoutMessages } from "./catalogue/checkout";
import { fulfilmentMessages } from "./catalogue/fulfilment";
import { deliverySetupMessages } from "./catalogue/delivery-setup";
import { notificationsMessages } from "./catalogue/notifications";
import { apiMessages } from "./catalogue/api";
import { driverAppMessages } from "./catalogue/driver-app";
import { routeMapMessages } from "./catalogue/route-map";
import { planningMessages } from "./catalogue/planning";
import { trunkMessages } from "./catalogue/trunk";

const coreMessages = {
  "app.name": { zh: "沪明直供", en: "Huming Direct" },
  "app.brand": { zh: "沪明直供 Huming Direct", en: "沪明直供 Huming Direct" },
  "app.tagline": { zh: "三明好货，直供上海", en: "Sanming produce, direct to Shanghai" },

  "nav.main": { zh: "主导航", en: "Main navigation" },
  "nav.skipToContent": { zh: "跳到正文", en: "Skip to content" },
  "nav.catalog": { zh: "商品目录", en: "Catalogue" },
  "nav.seller": { zh: "卖家中心", en: "Seller console" },
  "nav.ops": { zh: "运营中心", en: "Operations" },
  "nav.driver": { zh: "司机工作台", en: "Driver" },
  "nav.admin": { zh: "平台管理", en: "Administration" },
  "nav.signIn": { zh: "登录", en: "Sign in" },
  "nav.register": { zh: "注册", en: "Register" },
  "nav.signOut": { zh: "退出登录", en: "Sign out" },
  "nav.signedInAs": { zh: "当前用户：{name}", en: "Signed in as {name}" },

  "locale.switchTo": { zh: "English", en: "中文" },
  "locale.switchLabel": { zh: "切换到英文界面", en: "Switch to Chinese" },

  "error.403.title": { zh: "无权访问", en: "Access denied" },
  "error.403.body": { zh: "您的账户没有访问此页面的权限。", en: "Your account is not allowed to open this page." },
  "error.404.title": { zh: "页面不存在", en: "Page not found" },
  "error.404.body": { zh: "您要找的页面不存在或已被移除。", en: "The page you are looking for does not exist or has been removed." },
  "error.500.title": { zh: "服务暂时不可用", en: "Something went wrong" },
  "error.500.body": { zh: "服务器暂时无法处理您的请求，请稍后重试。", en: "The server could not handle your request. Please try again in a moment." },
  "error.status": { zh: "错误代码 {status}", en: "Error {status}" },
  "error.backHome": { zh: "返回首页", en: "Back to the home page" },
  "error.requestId": { zh: "请求编号：{id}（联系客服时请提供）", en: "Request id: {id} (quote it when you contact us)" },
  "error.400.title": { zh: "请求有误", en: "Bad request" },
  "error.400.body": { zh: "请求的地址或内容无法识别，请检查链接后重试。", en: "The address or content of this request could not be read. Check the link and try again." },
  "error.405.title": { zh: "不支持此请求方式", en: "Method not allowed" },
  "error.405.body": { zh: "此地址不接受这种请求方式。", en: "This address does not accept this kind of request." },
  "error.415.title": { zh: "不支持此内容类型", en: "Unsupported content type" },
  "error.415.body": { zh: "请通过页面上的表单提交。", en: "Please submit through the form on the page." },
  "error.413.title": { zh: "文件或内容过大", en: "Too large" },
  "error.413.body": { zh: "提交的内容超过了允许的大小，请压缩照片或拆分文件后重试。", en: "What you sent is larger than allowed. Make photos smaller or split the file, then try again." },
  "error.crossSite.title": { zh: "请求来源无效", en: "Request refused" },
  "error.crossSite.body": {
    zh: "此操作必须从沪明直供网站本身发起。请返回页面，刷新后重试。",
    en: "This action must come from the Huming Direct site itself. Go back to the page, reload it and try again.",
  },

  "validation.required": { zh: "此项必填", en: "Required" },
  "validation.invalidCharacters": { zh: "含有无法识别的字符，请删除后重新输入", en: "Contains characters that cannot be accepted; delete them and type again" },
  "validation.tooLong": { zh: "内容过长", en: "Too long" },
  "validation.phone": { zh: "请输入有效的中国大陆手机号（11 位，以 1 开头）", en: "Enter a mainland China mobile number (11 digits starting with 1)" },
  "validation.passwordShort": { zh: "密码至少 8 位", en: "Use at least 8 characters" },
  "validation.passwordLong": { zh: "密码最多 128 位", en: "Use at most 128 characters" },
  "validation.passwordMismatch": { zh: "两次输入的密码不一致", en: "The passwords do not match" },
  "validation.orgKind": { zh: "请选择机构类型", en: "Choose an organization type" },
  "validation.fixErrors": { zh: "请修正标出的内容后再提交。", en: "Please correct the marked fields." },

  "login.title": { zh: "登录", en: "Sign in" },
  "login.intro": { zh: "使用注册时的手机号和密码登录。", en: "Sign in with the mobile number and password you registered with." },
  "login.phone": { zh: "手机号", en: "Mobile number" },
  "login.password": { zh: "密码", en: "Password" },
  "login.submit": { zh: "登录", en: "Sign in" },
  "login.invalid": { zh: "手机号或密码不正确。", en: "Wrong mobile number or password." },
  "login.rateLimited": {
    zh: "登录失败次数过多，请在 {time}（约 {minutes} 分钟后）再试。",
    en: "Too many failed sign-ins. Try again at {time} (in about {minutes} min).",
  },
  "login.noAccount": { zh: "还没有账户？", en: "No account yet?" },
  "login.registerLink": { zh: "注册新机构", en: "Register your organization" },

  "register.title": { zh: "注册机构", en: "Register your organization" },
  "register.intro": {
    zh: "合作社和沙县小吃供应商以卖家身份注册；批发市场、食堂和社区团购以买家身份注册。",
    en: "Cooperatives and Shaxian snack suppliers register as sellers; wholesale markets, canteens and community groups as buyers.",
  },
  "register.orgSection": { zh: "机构信息", en: "Organization" },
  "register.userSection": { zh: "您的账户", en: "Your account" },
  "register.kind": { zh: "机构类型", en: "Organization type" },
  "register.orgName": { zh: "机构名称", en: "Organization name" },
  "register.county": { zh: "所在区县", en: "County or district" },
  "register.countyHint": { zh: "如：沙县区、尤溪县、杨浦区", en: "e.g. 沙县区 (Shaxian), 尤溪县 (Youxi), 杨浦区 (Yangpu)" },
  "register.address": { zh: "详细地址", en: "Street address" },
  "register.displayName": { zh: "您的姓名", en: "Your name" },
  "register.phone": { zh: "手机号", en: "Mobile number" },
  "register.password": { zh: "密码", en: "Password" },
  "register.passwordHint": { zh: "至少 8 位", en: "At least 8 characters" },
  "register.passwordConfirm": { zh: "确认密码", en: "Confirm password" },
  "register.submit": { zh: "注册并登录", en: "Register and sign in" },
  "register.phoneTaken": { zh: "该手机号已注册", en: "This mobile number is already registered" },
  "register.haveAccount": { zh: "已有账户？", en: "Already registered?" },

  "orgKind.cooperative": { zh: "农民专业合作社", en: "Farmers' cooperative" },
  "orgKind.snack_supplier": { zh: "沙县小吃供应商", en: "Shaxian snack supplier" },
  "orgKind.wholesale_market": { zh: "批发市场", en: "Wholesale market" },
  "orgKind.canteen": { zh: "高校/单位食堂", en: "University or office canteen" },
  "orgKind.community_group": { zh: "社区团购", en: "Community group" },
  "orgKind.platform": { zh: "平台运营", en: "Platform" },

  "role.seller": { zh: "卖家", en: "Seller" },
  "role.buyer": { zh: "买家", en: "Buyer" },
  "role.operator": { zh: "运营", en: "Operator" },
  "role.driver": { zh: "司机", en: "Driver" },
  "role.admin": { zh: "管理员", en: "Administrator" },

  "landing.title": { zh: "三明好货，直供上海", en: "Sanming produce, straight to Shanghai" },
  "landing.lead": {
    zh: "沪明直供连接三明的合作社、沙县小吃供应商与上海的批发市场、高校和单位食堂、社区团购，由上海冷链仓统一配送到门。",
    en: "Huming Direct links Sanming cooperatives and Shaxian snack suppliers with Shanghai wholesale markets, canteens and community groups, delivered from Shanghai cold-chain warehouses.",
  },
  "landing.stats": { zh: "{products} 款在售商品 · {sellers} 家三明卖家", en: "{products} products on sale · {sellers} Sanming sellers" },
  "landing.point1.title": { zh: "产地直供", en: "Direct from origin" },
  "landing.point1.body": {
    zh: "香菇、笋干、建宁通心白莲、尤溪金柑……由三明各区县的合作社直接供货，批次与证书可查。",
    en: "Shiitake, dried bamboo shoots, Jianning lotus seeds, Youxi kumquats — supplied by cooperatives across Sanming, with lots and certificates on record.",
  },
  "landing.point2.title": { zh: "全程冷链", en: "Cold chain all the way" },
  "landing.point2.body": {
    zh: "常温、冷藏（0–4 °C）、冷冻（≤ −18 °C）分区存储，冷藏车按时段配送。",
    en: "Ambient, chilled (0–4 °C) and frozen (≤ −18 °C) storage, delivered by refrigerated vans in booked time slots.",
  },
  "landing.point3.title": { zh: "阶梯批发价", en: "Tiered wholesale prices" },
  "landing.point3.body": {
    zh: "沙县扁肉、拌面、蒸饺、烧卖等小吃原料按箱起订，买得越多单价越低。",
    en: "Shaxian wontons, noodles, dumplings and shaomai by the case — the more you buy, the lower the unit price.",
  },
  "landing.signIn": { zh: "登录", en: "Sign in" },
  "landing.register": { zh: "注册机构", en: "Register your organization" },

  "category.all": { zh: "全部", en: "All" },
  "category.mushrooms": { zh: "菌菇", en: "Mushrooms" },
  "category.bamboo_shoots": { zh: "笋", en: "Bamboo shoots" },
  "category.tea": { zh: "茶叶", en: "Tea" },
  "category.rice_grains": { zh: "米面杂粮", en: "Rice and grains" },
  "category.fruit": { zh: "水果", en: "Fruit" },
  "category.vegetables": { zh: "蔬菜", en: "Vegetables" },
  "category.forest_goods": { zh: "山货", en: "Forest goods" },
  "category.bean_products": { zh: "豆制品", en: "Bean products" },
  "category.snacks_prepared": { zh: "沙县小吃·预制菜", en: "Shaxian snacks and prepared food" },
  "category.frozen_foods": { zh: "速冻食品", en: "Frozen food" },

  "temp.ambient": { zh: "常温", en: "Ambient" },
  "temp.chilled": { zh: "冷藏", en: "Chilled" },
  "temp.frozen": { zh: "冷冻", en: "Frozen" },
  "tempRange.ambient": { zh: "常温储运", en: "Ambient storage" },
  "tempRange.chilled": { zh: "冷藏 0–4 °C", en: "Chilled 0–4 °C" },
  "tempRange.frozen": { zh: "冷冻 ≤ −18 °C", en: "Frozen ≤ −18 °C" },

  "unit.kg": { zh: "公斤", en: "kg" },
  "unit.jin": { zh: "斤", en: "jin" },
  "unit.box": { zh: "箱", en: "case" },
  "unit.bag": { zh: "袋", en: "bag" },
  "unit.piece": { zh: "件", en: "piece" },

  "productStatus.draft": { zh: "草稿", en: "Draft" },
  "productStatus.active": { zh: "在售", en: "On sale" },
  "productStatus.paused": { zh: "暂停销售", en: "Paused" },
  "productStatus.archived": { zh: "已下架", en: "Archived" },

  "orderStatus.placed": { zh: "已下单", en: "Placed" },
  "orderStatus.partially_confirmed": { zh: "部分确认", en: "Partly confirmed" },
  "orderStatus.confirmed": { zh: "已确认", en: "Confirmed" },
  "orderStatus.packed": { zh: "已打包", en: "Packed" },
  "orderStatus.received": { zh: "已到上海仓", en: "At the Shanghai warehouse" },
  "orderStatus.out_for_delivery": { zh: "配送中", en: "Out for delivery" },
  "orderStatus.partially_delivered": { zh: "部分送达", en: "Partly delivered" },
  "orderStatus.delivered": { zh: "已送达", en: "Delivered" },
  "orderStatus.closed": { zh: "已完成", en: "Closed" },
  "orderStatus.cancelled": { zh: "已取消", en: "Cancelled" },

  "cert.green_food": { zh: "绿色食品", en: "Green Food" },
  "cert.organic": { zh: "有机产品", en: "Organic" },
  "cert.geographical_indication": { zh: "地理标志产品", en: "Geographical indication" },
  "cert.sc": { zh: "食品生产许可（SC）", en: "Food production licence (SC)" },
  "cert.other": { zh: "其他证书", en: "Other certificate" },

  "pagination.label": { zh: "分页", en: "Pagination" },
  "pagination.prev": { zh: "上一页", en: "Previous" },
  "pagination.next": { zh: "下一页", en: "Next" },
  "pagination.page": { zh: "第 {page} / {pages} 页", en: "Page {page} of {pages}" },

  "catalog.title": { zh: "商品目录", en: "Catalogue" },
  "catalog.search": { zh: "搜索商品", en: "Search products" },
  "catalog.searchPlaceholder": { zh: "如：香菇、笋干、扁肉", en: "e.g. 香菇, shiitake, wonton" },
  "catalog.searchSubmit": { zh: "搜索", en: "Search" },
  "catalog.categories": { zh: "商品分类", en: "Categories" },
  "catalog.results": { zh: "共 {count} 款商品", en: "{count} products" },
  "catalog.empty": { zh: "没有找到符合条件的商品，换个关键词或分类试试。", en: "No products match. Try another word or category." },
  "catalog.fromPrice": { zh: "{price}/{unit} 起", en: "from {price}/{unit}" },
  "catalog.noPrice": { zh: "暂无报价", en: "No price yet" },
  "catalog.origin": { zh: "产地 {county}", en: "Origin: {county}" },

  "product.back": { zh: "返回商品目录", en: "Back to the catalogue" },
  "product.seller": { zh: "卖家", en: "Seller" },
  "product.origin": { zh: "产地", en: "Origin" },
  "product.storage": { zh: "储运温度", en: "Storage" },
  "product.shelfLife": { zh: "保质期", en: "Shelf life" },
  "product.days": { zh: "{days} 天", en: "{days} days" },
  "product.category": { zh: "分类", en: "Category" },
  "product.variants": { zh: "规格与阶梯价", en: "Packs and tiered prices" },
  "product.netWeight": { zh: "净重 {weight}", en: "Net weight {weight}" },
  "product.netWeightJin": { zh: "约 {jin}", en: "about {jin}" },
  "product.variableWeight": { zh: "按实际重量结算", en: "Invoiced by actual weight" },
  "product.tier": { zh: "≥ {min} {unit} {price}/{unit}", en: "≥ {min} {unit}: {price}/{unit}" },
  "product.sku": { zh: "货号 {sku}", en: "SKU {sku}" },
  "product.notOnSale": { zh: "已停售", en: "Not on sale" },
  "product.lot": { zh: "批次 {code}", en: "Lot {code}" },
  "product.produced": { zh: "生产/采收", en: "Produced" },
  "product.expires": { zh: "到期", en: "Expires" },
  "product.noLots": { zh: "暂无批次记录。", en: "No lots recorded yet." },
  "product.noCertificates": { zh: "无认证", en: "No certificates" },
  "product.noDescription": { zh: "卖家尚未填写商品介绍。", en: "The seller has not written a description yet." },

  "seller.title": { zh: "卖家中心", en: "Seller console" },
  "seller.noOrg": { zh: "您的账户尚未关联卖家机构，请联系平台管理员。", en: "Your account is not linked to a selling organization. Please contact the platform." },
  "seller.pendingOrders": { zh: "待处理订单", en: "Pending orders" },
  "seller.pendingLines": { zh: "待处理订单行：{count}", en: "Pending order lines: {count}" },
  "seller.productCount": { zh: "商品总数", en: "Products" },
  "seller.activeCount": { zh: "在售商品", en: "On sale" },
  "seller.products": { zh: "我的商品", en: "My products" },
  "seller.empty": { zh: "还没有商品。", en: "No products yet." },
  "seller.variantCount": { zh: "{count} 个规格", en: "{count} packs" },
  "seller.updated": { zh: "更新于 {date}", en: "Updated {date}" },
  "seller.back": { zh: "返回卖家中心", en: "Back to the seller console" },
  "seller.stock": { zh: "库存 {count} {unit}", en: "Stock {count} {unit}" },
  "seller.inactiveVariant": { zh: "已停用", en: "Inactive" },
  "seller.viewInCatalog": { zh: "在商品目录中查看", en: "View in the catalogue" },

  "ops.title": { zh: "运营中心", en: "Operations" },
  "ops.plansLink": { zh: "配送排线", en: "Delivery planning" },
  "ops.trunkLink": { zh: "三明干线", en: "Sanming trunk" },
  "ops.orders": { zh: "订单状态", en: "Orders by status" },
  "ops.warehouses": { zh: "冷链仓库", en: "Warehouses" },
  "ops.noWarehouses": { zh: "暂无仓库。", en: "No warehouses yet." },
  "ops.coldRooms": { zh: "库房", en: "Cold rooms" },
  "ops.capacity": { zh: "容量 {weight} · {volume}", en: "Capacity {weight} · {volume}" },
  "ops.vehicles": { zh: "车辆", en: "Vehicles" },
  "ops.noVehicles": { zh: "暂无车辆。", en: "No vehicles yet." },
  "ops.plate": { zh: "车牌", en: "Plate" },
  "ops.tempClasses": { zh: "温区", en: "Temperatures" },
  "ops.payload": { zh: "载重", en: "Payload" },
  "ops.volume": { zh: "容积", en: "Volume" },
  "ops.driver": { zh: "司机", en: "Driver" },
  "ops.unassigned": { zh: "未分配", en: "Unassigned" },
  "ops.inactive": { zh: "停用", en: "Out of service" },
  "ops.slots": { zh: "近期配送时段", en: "Upcoming delivery slots" },
  "ops.noSlots": { zh: "暂无排定的配送时段。", en: "No delivery slots scheduled." },
  "ops.slotBooked": { zh: "已约 {booked} / 可载 {capacity}", en: "{booked} booked of {capacity}" },

  "driver.title": { zh: "司机工作台", en: "Driver" },
  "driver.vehicles": { zh: "我的车辆", en: "My vehicles" },
  "driver.noVehicle": { zh: "尚未为您分配车辆，请联系运营人员。", en: "No vehicle is assigned to you yet. Please contact operations." },
  "driver.base": { zh: "所属仓库", en: "Home warehouse" },
  "driver.slots": { zh: "本仓近期配送时段", en: "Upcoming slots at this warehouse" },

  "admin.title": { zh: "平台管理", en: "Administration" },
  "admin.orgs": { zh: "机构", en: "Organizations" },
  "admin.users": { zh: "用户", en: "Users" },
  "admin.total": { zh: "共 {count} 条", en: "{count} in total" },
  "admin.name": { zh: "名称", en: "Name" },
  "admin.kind": { zh: "类型", en: "Type" },
  "admin.county": { zh: "区县", en: "County" },
  "admin.members": { zh: "成员", en: "Members" },
  "admin.created": { zh: "创建时间", en: "Created" },
  "admin.phone": { zh: "手机号", en: "Mobile" },
  "admin.roles": { zh: "角色", en: "Roles" },
  "admin.language": { zh: "语言", en: "Language" },
  "admin.status": { zh: "状态", en: "Status" },
  "admin.active": { zh: "正常", en: "Active" },
  "admin.disabled": { zh: "已停用", en: "Disabled" },
  "admin.noRoles": { zh: "无角色", en: "No role" },

  // Sessions and throttling (ADR 0003).
  "nav.signOutEverywhere": { zh: "退出所有设备", en: "Sign out everywhere" },
  "register.rateLimited": {
    zh: "此网络注册次数过多，请在 {time}（约 {minutes} 分钟后）再试。",
    en: "Too many registrations from this network. Try again at {time} (in about {minutes} min).",
  },

  "language.zh": { zh: "中文", en: "Chinese" },
  "language.en": { zh: "英文", en: "English" },
} as const satisfies Record<string, { zh: string; en: string }>;

/** Each feature's messages, kept in app/utils/i18n/catalogue/ so features do not edit one file. */
export const MESSAGE_PARTS = { core: coreMessages, listing: listingMessages, photos: photosMessages, stock: stockMessages, onboarding: onboardingMessages, lots: lotsMessages, bulkImport: bulkImportMessages, search: searchMessages, storefrontProduct: storefrontProductMessages, storefrontList: storefrontListMessages, checkout: checkoutMessages, fulfilment: fulfilmentMessages, deliverySetup: deliverySetupMessages, notifications: notificationsMessages, api: apiMessages, driverApp: driverAppMessages, routeMap: routeMapMessages, planning: planningMessages, trunk: trunkMessages };

export const messages = { ...coreMessages, ...listingMessages, ...photosMessages, ...stockMessages, ...onboardingMessages, ...lotsMessages, ...bulkImportMessages, ...searchMessages, ...storefrontProductMessages, ...storefrontListMessages, ...checkoutMessages, ...fulfilmentMessages, ...deliverySetupMessages, ...notificationsMessages, ...apiMessages, ...driverAppMessages, ...routeMapMessages, ...planningMessages, ...trunkMessages };

export type MessageKey = keyof typeof messages;
