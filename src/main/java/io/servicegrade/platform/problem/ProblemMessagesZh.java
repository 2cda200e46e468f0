package io.servicegrade.platform.problem;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The Chinese (zh-CN) texts of {@link ProblemMessages}. */
@Localized("zh-CN")
public interface ProblemMessagesZh extends ProblemMessages {

    @Override
    @Message("请求无效")
    String validationTitle();

    @Override
    @Message("有 {count} 个字段无效；未保存任何内容。")
    String validationDetail(int count);

    @Override
    @Message("未找到")
    String notFoundTitle();

    @Override
    @Message("请求错误")
    String badRequestTitle();

    @Override
    @Message("请求体不是格式正确的 JSON：{reason}")
    String malformedJson(String reason);

    @Override
    @Message("须为 JSON {jsonType} 类型")
    String wrongType(String jsonType);

    @Override
    @Message("缺少请求体。")
    String bodyMissing();

    @Override
    @Message("需要身份验证")
    String unauthorizedTitle();

    @Override
    @Message("请以 'Authorization: Bearer <密钥>' 或 'X-Api-Key: <密钥>' 发送有效的 API 密钥。")
    String unauthorizedDetail();

    @Override
    @Message("不允许的方法")
    String methodNotAllowedTitle();

    @Override
    @Message("{path} 不允许 {method} 方法。")
    String methodNotAllowedDetail(String method, String path);

    @Override
    @Message("不支持的媒体类型")
    String unsupportedMediaTypeTitle();

    @Override
    @Message("此接口不接受内容类型 '{contentType}'。")
    String unsupportedMediaTypeDetail(String contentType);

    @Override
    @Message("无法提供所需格式")
    String notAcceptableTitle();

    @Override
    @Message("此接口无法以所请求的媒体类型应答。")
    String notAcceptableDetail();

    @Override
    @Message("请求体过大")
    String payloadTooLargeTitle();

    @Override
    @Message("请求体超过了服务器允许的大小。")
    String payloadTooLargeDetail();

    @Override
    @Message("每个请求最多 {max} 个单位；本请求有 {count} 个。")
    String tooManyUnits(int max, int count);

    @Override
    @Message("冲突")
    String conflictTitle();

    @Override
    @Message("内部错误")
    String internalTitle();

    @Override
    @Message("服务器未能处理此请求。报告问题时请提供错误编号 {id}。")
    String internalDetail(String id);

    @Override
    @Message("服务不可用")
    String unavailableTitle();

    @Override
    @Message("数据库无法连接，请稍后重试。")
    String databaseUnavailable();

    @Override
    @Message("服务繁忙")
    String overloadedTitle();

    @Override
    @Message("服务器当前负载已满：此请求在 {ms} 毫秒内未能取得数据库连接或写入名额，未做任何更改。请在 Retry-After 所示时间后重新发送。")
    String overloadedDetail(long ms);

    @Override
    @Message("同时生成的页面和导出过多：此请求在 {ms} 毫秒内未能轮到生成。请在 Retry-After 所示时间后重新请求。")
    String pagesBusyDetail(long ms);

    @Override
    @Message("{path} 处没有任何内容。")
    String noSuchPath(String path);

    @Override
    @Message("不存在代码为 '{code}' 的单位。")
    String unitNotFound(String code);

    @Override
    @Message("为必填项")
    String required();

    @Override
    @Message("须为 1 至 64 个字符，只能包含 A-Z、a-z、0-9、'.'、'_' 或 '-'")
    String unitCodeFormat();

    @Override
    @Message("最多 {max} 个字符")
    String tooLong(int max);

    @Override
    @Message("须为小写标识（a-z、0-9、'_' 或 '-'，以字母开头，最多 32 个字符）")
    String tokenFormat();

    @Override
    @Message("须为 'urban'（城市）或 'rural'（农村）")
    String areaValue();

    @Override
    @Message("本请求和已存数据中都没有代码为 '{parent}' 的单位")
    String unknownParent(String parent);

    @Override
    @Message("单位不能是自己的上级")
    String ownParent();

    @Override
    @Message("将该单位移到 '{parent}' 之下会使它成为自己的上级")
    String cycle(String parent);

    @Override
    @Message("代码 '{code}' 在本请求中重复出现（另见序号 {other}）")
    String duplicateCode(String code, int other);

    @Override
    @Message("单位代码不可更改")
    String codeImmutable();

    @Override
    @Message("不是可识别的字段")
    String unknownField();

    @Override
    @Message("须为 true 或 false")
    String booleanValue();

    @Override
    @Message("CSV 表头须包含 code、name、kind、parent、serviceLine、area 列（active 可选）；'{column}' 不在其中")
    String csvUnknownColumn(String column);

    @Override
    @Message("CSV 表头缺少 '{column}' 列")
    String csvMissingColumn(String column);

    @Override
    @Message("无法读取 CSV 文本：{reason}")
    String csvUnreadable(String reason);

    @Override
    @Message("须为 {min} 至 {max} 之间的数字")
    String numberRange(int min, int max);

    @Override
    @Message("不是有效的游标")
    String badCursor();

    @Override
    @Message("不存在编号为 {id} 的 API 密钥。")
    String apiKeyNotFound(long id);

    @Override
    @Message("不能吊销最后一个有效的 API 密钥：请先创建另一个。")
    String lastApiKey();

    @Override
    @Message("zh-CN")
    String language();

    @Override
    @Message("不存在评分标准 '{key}'。")
    String rubricNotFound(String key);

    @Override
    @Message("评分标准 '{key}' 没有第 {version} 版。")
    String rubricVersionNotFound(String key, int version);

    @Override
    @Message("须为网址中的代码 '{key}'，或省略")
    String rubricKeyMismatch(String key);

    @Override
    @Message("请求体不是格式正确的 YAML：{reason}")
    String malformedYaml(String reason);

    @Override
    @Message("禁止访问")
    String forbiddenTitle();

    @Override
    @Message("此操作需要管理员密钥。")
    String adminOnly();

    @Override
    @Message("测评 {id} 属于其他机构。")
    String notYourEvaluation(long id);

    @Override
    @Message("不存在机构 '{code}'。")
    String agencyNotFound(String code);

    @Override
    @Message("代码为 '{code}' 的机构已存在。")
    String agencyExists(String code);

    @Override
    @Message("'{source}' 不是已知的测评来源；已知来源：{known}")
    String unknownSource(String source, String known);

    @Override
    @Message("此机构不得提交“{source}”来源的测评")
    String sourceNotAllowed(String source);

    @Override
    @Message("此机构不得提交其中部分测评。")
    String sourcesNotAllowed();

    @Override
    @Message("须为带时区偏移的 ISO-8601 日期时间，例如 2026-03-01T10:15:00+08:00")
    String dateTimeFormat();

    @Override
    @Message("不得晚于当前时间一天以上")
    String futureDate();

    @Override
    @Message("不存在评分标准 '{rubric}'（或该版本）")
    String unknownRubric(String rubric);

    @Override
    @Message("外部编号 '{externalId}' 在本批次中重复出现（另见序号 {other}）")
    String duplicateExternalId(String externalId, int other);

    @Override
    @Message("外部编号 '{externalId}' 已被内容不同的测评 {id} 使用；如需修订，请附上原因提交。")
    String externalIdTaken(String externalId, long id);

    @Override
    @Message("每个请求最多 {max} 条测评；本请求有 {count} 条。")
    String tooManyEvaluations(int max, int count);

    @Override
    @Message("不存在测评 {id}。")
    String evaluationNotFound(long id);

    @Override
    @Message("测评 {id} 已作废，不能再修改。")
    String evaluationVoided(long id);

    @Override
    @Message("此 Idempotency-Key 已用于不同的请求体。")
    String idempotencyMismatch();

    @Override
    @Message("使用此 Idempotency-Key 的请求仍在处理中，请稍后重试。")
    String idempotencyRunning();

    @Override
    @Message("须为以下之一：{values}")
    String oneOf(String values);

    // issue 18: unit veto events (一票否决事件) and exemptions (免责)
    @Override
    @Message("没有一票否决事件 {id}。")
    String vetoEventNotFound(String id);

    @Override
    @Message("一票否决事件 {id} 的状态为 {state}；此操作要求其为 {needed}。")
    String vetoEventState(long id, String state, String needed);

    @Override
    @Message("没有代码为“{code}”的单位")
    String vetoUnknownUnit(String code);

    @Override
    @Message("须为日期，如 2025-05-12")
    String vetoDateFormat();

    @Override
    @Message("须为 http 或 https 链接，至多 2000 个字符")
    String vetoEvidenceLink();

    @Override
    @Message("重复列出了事件本身的单位或另一个责任人单位")
    String vetoStaffRepeated();

    @Override
    @Message("须为方案的一个周期（如 2025-Q2）或一个年度（如 2025）")
    String vetoPeriodFormat();

    @Override
    @Message("无法读取；此处的写法为：{expected}")
    String notation(String expected);

    @Override
    @Message("不存在导入任务 {id}。")
    String importNotFound(long id);

    @Override
    @Message("导入任务 {id} 由其他机构发起。")
    String notYourImport(long id);

    @Override
    @Message("不是此文件可有的列：须为固定列，或该行评分标准中的项目")
    String unknownColumn();

    @Override
    @Message("无法按 {format} 读取文件：{reason}")
    String unreadableFile(String format, String reason);

    @Override
    @Message("不存在考核方案 '{key}'。")
    String schemeNotFound(String key);

    @Override
    @Message("考核方案 '{key}' 没有第 {version} 版。")
    String schemeVersionNotFound(String key, int version);

    @Override
    @Message("须为本方案的考核周期（{kind}），例如 {example}")
    String periodFormat(String kind, String example);

    @Override
    @Message("方案已有版本后不可再从 {was} 更改：已算出的排名依赖于它；请以新的方案代码另存")
    String schemeFrameFixed(String was);

    @Override
    @Message("本方案没有哪个版本的有效期覆盖 {period}")
    String periodNotCovered(String period);

    // issue 14: imports

    @Override
    @Message("每个文件最多 {max} 条测评：第 {row} 行是超出上限的第一行，读取到此为止。")
    String rowLimitReached(int max, int row);

    @Override
    @Message("超过 {max} 个字符")
    String cellTooLong(int max);

    @Override
    @Message("超过 {max} 列")
    String tooManyColumns(int max);

    @Override
    @Message("不是有效的 UTF-8 编码：请将文件另存为“CSV UTF-8”")
    String notUtf8();

    @Override
    @Message("含有控制字符（如 NUL），单元格中不可有")
    String cellControlCharacter();

    @Override
    @Message("文件解压后超过 {max}，已拒绝，不再读取。")
    String unpackedTooLarge(String max);

    @Override
    @Message("导入任务过多")
    String tooManyImportsTitle();

    @Override
    @Message("本机构已有 {max} 个导入任务未完成；请待其中一个完成后再提交文件。")
    String agencyImportsBusy(int max);

    @Override
    @Message("服务器正在运行 {max} 个导入任务；请稍后再提交文件。")
    String serverImportsBusy(int max);

    @Override
    @Message("该导入任务重新启动后，又因重启或崩溃 {resumes} 次未能完成；不再运行。请检查文件后重新提交。")
    String importResumedTooOften(int resumes);
    // issue 14: graphql

    @Override
    @Message("查询展开后有 {fields} 个字段（每个片段展开和别名都计入）；最多允许 {max} 个。请减少字段或别名。")
    String graphqlTooManyFields(long fields, long max);

    @Override
    @Message("查询的代价为 {cost}（每个字段计一次，再乘以其上每个列表的分页大小）；最多允许 {max}。请减少字段、别名或分页大小。")
    String graphqlTooCostly(long cost, long max);

    @Override
    @Message("查询的片段嵌套过深或相互引用成环。")
    String graphqlFragmentsTooDeep();

    @Override
    @Message("查询运行超过 {limit}，已被终止。")
    String graphqlTimeout(String limit);

    @Override
    @Message("应答将超过 {max} 字节；请减少字段或缩小分页。")
    String graphqlResponseTooLarge(long max);

    @Override
    @Message("此连接已有 {max} 个订阅；请先结束一个再开始新的。")
    String graphqlTooManySubscriptions(int max);

    @Override
    @Message("事件到达快于此订阅的读取（{max} 个待读），订阅已结束。请重新订阅并读取当前状态。")
    String graphqlSubscriberTooSlow(int max);

    @Override
    @Message("{path} 含有控制字符（U+0000 至 U+001F，制表符和换行除外）。")
    String graphqlControlCharacter(String path);

    @Override
    @Message("{path} 须为整数，不可为 null（省略该参数即用默认值）。")
    String graphqlNullPageSize(String path);

    @Override
    @Message("请求须为 JSON 对象，并含字符串 'query'。")
    String graphqlRequestNotObject();

    @Override
    @Message("'{member}' 须为字符串。")
    String graphqlRequestNotString(String member);

    @Override
    @Message("'{member}' 须为 JSON 对象。")
    String graphqlRequestNotAnObject(String member);

    @Override
    @Message("'variables' 的嵌套超过 {max} 层。")
    String graphqlVariablesTooDeep(int max);

    @Override
    @Message("请求体不是格式正确的 JSON。")
    String graphqlRequestMalformed();
    // issue 14: inputs

    @Override
    @Message("此处的请求体至多 {max} 字节；未读取任何内容。")
    String bodyOverLimit(long max);

    @Override
    @Message("请求体不是 Unicode 文本：含有不成对的代理项。")
    String notUnicode();

    @Override
    @Message("含有不成对的代理项：不是 Unicode 文本")
    String loneSurrogate();

    @Override
    @Message("含有控制字符 {code}：文本中只允许制表符和换行")
    String controlCharacter(String code);

    @Override
    @Message("含有控制字符 {code}：名称、代码和筛选条件中不允许控制字符")
    String controlCharacterInLine(String code);

    @Override
    @Message("须为有限的数字，小数点前至多 {integerDigits} 位，小数点后至多 {fractionDigits} 位")
    String numberBounds(int integerDigits, int fractionDigits);

    @Override
    @Message("YAML 请求体读取超过 {seconds} 秒：长文本请写成块标量（|），或改用 JSON 发送。")
    String yamlTooSlow(long seconds);

    // issue 14: units CSV body

    @Override
    @Message("请求体不是有效的 UTF-8 编码：请以 UTF-8 保存（Excel 中选择「CSV UTF-8」）。")
    String bodyNotUtf8();

    // issue 14: fuzz findings

    @Override
    @Message("列 {first} 和 {second} 都表示 {field}：请只保留其中一列")
    String duplicateColumn(String field, String first, String second);

    @Override
    @Message("其中的部件 {part} 以 {method} 压缩：电子表格的部件只以存储或 deflate 方式保存")
    String unsupportedCompression(String part, String method);

    // issue 15: GraphQL errors
    // issue 15: GraphQL schema (cursors, arguments)

    @Override
    @Message("游标已过期")
    String staleCursorTitle();

    @Override
    @Message("参数 '{argument}' 中的游标读自第 {cursorRevision} 版，列表现已是第 {currentRevision} 版。请从第一页重新开始。")
    String staleCursorDetail(String argument, long cursorRevision, long currentRevision);

    @Override
    @Message("读自一个此后已变化的列表：请从第一页重新开始")
    String staleCursor();

    @Override
    @Message("请求中没有 GraphQL 文档：请以 'query' 发送。")
    String graphqlQueryMissing();

    // issue 15: tools

    @Override
    @Message("查询的字段嵌套 {depth} 层；最多允许 {max} 层（内省字段不计）。请减少嵌套层数。")
    String graphqlTooDeep(long depth, long max);

    @Override
    @Message("变更操作（mutation）须以 POST 发送；GET 只用于查询。")
    String graphqlMutationOverGet();

    @Override
    @Message("来源不被允许")
    String originNotAllowedTitle();

    @Override
    @Message("来自 {origin} 的页面不能调用此 API：服务器只允许 QUARKUS_HTTP_CORS_ORIGINS 中列出的来源，该来源不在其中。")
    String originNotAllowed(String origin);

    @Override
    @Message("文档中没有名为「{name}」的操作。")
    String graphqlUnknownOperation(String name);

    @Override
    @Message("不是此查询的游标：请传入以相同参数读取的页面的 endCursor")
    String foreignCursor();

    @Override
    @Message("不是本服务给出的 id")
    String badGlobalId();
    // issue 15: mutations

    @Override
    @Message("不存在测评“{id}”。")
    String evaluationIdNotFound(String id);

    @Override
    @Message("不存在编号为“{id}”的 API 密钥。")
    String apiKeyIdNotFound(String id);

    // issue 16: accounts
    @Override
    @Message("这是给个人账户用的：请发送个人访问令牌（由 POST /api/v1/auth/tokens 生成）。")
    String accountsOnly();

    @Override
    @Message("您没有编号为 {id} 的令牌。")
    String tokenNotFound(long id);

    @Override
    @Message("登录名或密码错误。")
    String signInFailed();

    @Override
    @Message("登录失败次数过多")
    String lockedOutTitle();

    @Override
    @Message("该登录名失败次数过多；请在 {seconds} 秒后（见 Retry-After）重试。本次未校验密码。")
    String lockedOut(long seconds);

    @Override
    @Message("UTF-8 编码下最多 {max} 字节")
    String passwordTooLong(int max);

    @Override
    @Message("至少须有 {min} 个字符")
    String passwordTooShort(int min);

    @Override
    @Message("须为 1 至 64 个字符，只能包含 a-z、0-9、'.'、'_'、'@' 或 '-'，以字母或数字开头（不区分大小写）")
    String loginFormat();

    @Override
    @Message("'{login}' 已是某个账户的登录名（不区分大小写）")
    String loginTaken(String login);

    @Override
    @Message("不是角色；角色有 {roles}")
    String unknownRole(String roles);

    @Override
    @Message("角色 '{role}' 重复列出")
    String duplicateRole(String role);

    @Override
    @Message("须至少列出一个角色")
    String rolesRequired();

    @Override
    @Message("只有 manager、inspector、viewer 角色才有范围")
    String scopeWithoutScopedRole();

    @Override
    @Message("manager、inspector、viewer 角色须有至少一个单位的范围")
    String scopeRequired();

    @Override
    @Message("没有代码为 '{code}' 的单位")
    String scopeUnitUnknown(String code);

    @Override
    @Message("没有登录名为 '{login}' 的账户。")
    String accountNotFound(String login);

    @Override
    @Message("须为 1 至 {max} 的整数天数")
    String tokenDays(int max);

    // issue 16: account administration
    @Override
    @Message("不能停用最后一个有效的管理员，也不能去掉其管理员角色；请先设立另一个管理员。")
    String lastAdministrator();

    @Override
    @Message("文件没有 '{column}' 列")
    String importColumnMissing(String column);

    @Override
    @Message("登录名 '{login}' 已在第 {row} 行出现（不区分大小写）")
    String importLoginRepeated(String login, long row);

    @Override
    @Message("文件中没有账户行")
    String importEmpty();

    // issue 16: audit log
    @Override
    @Message("须为 key:<编号>、account:<编号> 或 login:<登录名>")
    String auditActorFormat();

    @Override
    @Message("须为一种对象（a-z、0-9、'-'），或 对象:键")
    String auditTargetFormat();
    // issue 16: scope
    @Override
    @Message("此账户的角色不允许此操作。")
    String roleForbids();

    @Override
    @Message("所列单位中有的不在此账户的范围内。")
    String unitsOutsideScope();

    @Override
    @Message("此单位不在此账户的范围内")
    String unitOutsideScope();

    @Override
    @Message("此处排名不公开：请登录后查看。")
    String standingsNeedSignIn();

    @Override
    @Message("没有代码为 '{code}' 的机构")
    String accountAgencyUnknown(String code);

    @Override
    @Message("机构仅用于 agency 角色，且 agency 角色须有一个机构")
    String accountAgencyFits();

    @Override
    @Message("来源仅用于 inspector 与 agency 角色")
    String accountSourcesFit();

    @Override
    @Message("'{source}' 不是来源；来源有 {sources}")
    String accountSourceUnknown(String source, String sources);

    // issue 16: single sign-on subject
    @Override
    @Message("已链接到另一个账户：身份提供方的一个人只对应一个账户")
    String oidcSubjectTaken();

    @Override
    @Message("须为该人员在身份提供方的主体标识（subject）：1 至 255 个字符")
    String oidcSubjectFormat();

    @Override
    @Message("此单点登录主体标识已在第 {row} 行出现")
    String importSubjectRepeated(long row);

    // issue 16: sign-in limit per address, account import jobs
    @Override
    @Message("此地址登录失败次数过多")
    String addressLimitedTitle();

    @Override
    @Message("来自此地址的登录失败次数过多；请在 {seconds} 秒后（见 Retry-After）重试。本次未校验密码。")
    String addressLimited(long seconds);

    @Override
    @Message("已有 {max} 个账户导入在运行，已达同时运行的上限；请待其中一个结束后再发送文件（见 Retry-After）。")
    String accountImportsBusy(int max);

    @Override
    @Message("不存在编号为 {id} 的账户导入。")
    String accountImportNotFound(long id);

    @Override
    @Message("此导入运行时服务器停止了；其中的账户一个也未创建，生成的密码作废。请重新发送文件。")
    String accountImportInterrupted();

    // issue 17: unit tags
    @Override
    @Message("须为标签：一个小写字母开头，其后至多 31 个小写字母、数字或连字符（如 model-candidate）")
    String unitTagFormat();

    @Override
    @Message("一个单位至多带 {max} 个标签；给出了 {count} 个")
    String unitTooManyTags(int max, int count);

    // issue 18: nominations and benchmark units
    @Override
    @Message("本方案此期间没有编号为 {id} 的推荐。")
    String nominationNotFound(long id);

    @Override
    @Message("该推荐已是“{state}”状态；只有待确认的推荐才能确认。")
    String nominationNotProposed(String state);

    @Override
    @Message("该推荐是“{state}”状态；只有尚未上报的待确认或已确认推荐才能替换。")
    String nominationNotSubstitutable(String state);

    @Override
    @Message("该推荐是“{state}”状态；分析员只审批最后一级已确认的推荐。")
    String nominationNotApprovable(String state);

    @Override
    @Message("考核方案 {scheme} 不做推荐（其 lifecycle 中没有 nominations 设置）。")
    String schemeMakesNoNominations(String scheme);

    @Override
    @Message("须为该推荐所属单位组和工种中可被推荐、且在本级尚未被推荐的单位")
    String unitNotNominable();

    @Override
    @Message("须为接收推荐的一级单位组：{kinds} 之一")
    String groupNotReceiving(String kinds);

    @Override
    @Message("须为本工种的达标单位（已定等级、非末等、未被否决）或已审批的推荐单位")
    String unitNotCompliant();

    @Override
    @Message("替换已有的标杆指定时必须填写")
    String reasonForReplacement();
    // issue 18: appeals
    @Override
    @Message("没有申诉 {id}。")
    String appealNotFound(long id);

    @Override
    @Message("不在公示期内")
    String appealWindowTitle();

    @Override
    @Message("方案 {scheme} 的 {period} 尚未公示：申诉只在公示起的公示期内受理。")
    String appealNotPublished(String scheme, String period);

    @Override
    @Message("方案 {scheme} 的 {period} 公示期已于 {deadline} 结束，不再受理申诉。")
    String appealWindowOver(String scheme, String period, String deadline);

    @Override
    @Message("方案 {scheme} 的 {period} 已关闭，不再受理申诉。")
    String appealPeriodClosed(String scheme, String period);

    @Override
    @Message("申诉 {id} 已作出决定（{state}），决定不可更改。")
    String appealDecided(long id, String state);

    @Override
    @Message("没有测评 {id}")
    String appealNoEvaluation(long id);

    @Override
    @Message("“{item}”不是该测评所用评分表 {rubric} 的项目")
    String appealItemUnknown(String item, String rubric);

    @Override
    @Message("重复列出")
    String appealItemRepeated();

    @Override
    @Message("方案 {scheme} 不计入该测评")
    String appealNotCounted(String scheme);

    @Override
    @Message("该测评属于 {period}")
    String appealOtherPeriod(String period);

    @Override
    @Message("须给出一项测评，或一个单位（及期间），二者只取其一")
    String appealOneTarget();

    @Override
    @Message("须为 http 或 https 链接，至多 {max} 个字符")
    String appealEvidenceUrl(int max);

    @Override
    @Message("至多 {max} 项")
    String appealTooMany(int max);

    @Override
    @Message("支持针对测评的申诉时须给出更正：修订或作废")
    String appealCorrectionNeeded();

    @Override
    @Message("只有被支持的、针对测评的申诉才可附带更正")
    String appealCorrectionNotHere();

    @Override
    @Message("该测评已作废")
    String appealEvaluationVoided();

    // issue 18: the period's lifecycle
    @Override
    @Message("考核周期已关闭")
    String periodClosedTitle();

    @Override
    @Message("方案 {scheme} 的考核周期 {period} 已关闭：其结果为最终结果，任何会改变它的写入均不受理。管理员可说明理由后重新开放。")
    String periodClosed(String scheme, String period);

    @Override
    @Message("方案 {scheme} 的考核周期 {period} 尚未发布：请先发布。")
    String periodNotPublished(String scheme, String period);

    @Override
    @Message("方案 {scheme} 的考核周期 {period} 的公示期至 {until} 止，其后方可关闭。")
    String periodObjectionsOpen(String scheme, String period, String until);

    @Override
    @Message("方案 {scheme} 的考核周期 {period} 未关闭。")
    String periodNotClosed(String scheme, String period);


    @Override
    @Message("方案 {scheme} 的考核周期 {period} 尚有 {count} 件申诉未处理：请先作出决定，再关闭该周期。")
    String appealsUndecided(String scheme, String period, long count);

    // issue 19: rectification orders
    @Override
    @Message("没有编号为 {id} 的整改单。")
    String rectificationNotFound(long id);

    @Override
    @Message("整改单 {id} 当前状态为 {state}；此操作要求状态为 {expected}。")
    String rectificationWrongState(long id, String state, String expected);

    @Override
    @Message("没有编号为 {id} 的测评记录")
    String rectificationNoEvaluation(long id);

    @Override
    @Message("该测评记录已作废")
    String rectificationEvaluationVoided();

    @Override
    @Message("该测评中项目 {item} 未扣分：只能选择扣分项目")
    String rectificationItemNotDeducted(String item);

    @Override
    @Message("该测评未被否决")
    String rectificationNotVetoed();

    @Override
    @Message("请选择该测评的扣分项目、否决项，或两者")
    String rectificationNothingChosen();

    @Override
    @Message("须晚于整改单的下发时间")
    String rectificationDueBeforeRaised();

    @Override
    @Message("请提供测评记录，或为手工整改单提供单位和标题")
    String rectificationEvaluationOrHand();
    // issue 19: complaints register
    @Override
    @Message("没有编号为 {id} 的投诉（或不在您的范围内）。")
    String complaintNotFound(long id);

    @Override
    @Message("投诉 {id} 已答复；每件投诉只答复一次。")
    String complaintReplied(long id);

    @Override
    @Message("投诉 {id} 尚未答复：客户对处理的满意度须在答复之后回访。")
    String complaintNotReplied(long id);

    @Override
    @Message("投诉 {id} 的客户满意度已记录。")
    String complaintSatisfactionRecorded(long id);

    @Override
    @Message("只有登记投诉 {id} 的人、分析员或管理员可以记录其客户满意度。")
    String complaintSatisfactionNotYours(long id);

    @Override
    @Message("不得早于投诉受理时间（{received}）")
    String complaintReplyBeforeReceipt(String received);

    @Override
    @Message("不得晚于当前时间")
    String complaintInFuture();


    @Override
    @Message("须为月份（2025-01）、季度（2025-Q1）或年份（2025）")
    String complaintPeriodFormat();

    @Override
    @Message("须为月份，如 2025-01")
    String volumeMonthFormat();

    @Override
    @Message("须为 0 到 {max} 之间的整数")
    String volumeRange(long max);

    @Override
    @Message("与第 {first} 条的网点和月份相同")
    String volumeRepeated(int first);

    @Override
    @Message("一次至多 {max} 条")
    String complaintBatchTooLarge(int max);
    // issue 19: inspection coverage
    @Override
    @Message("不存在键为“{key}”的检查覆盖计划。")
    String coveragePlanNotFound(String key);

    @Override
    @Message("须为 1、2、3、4、6 或 12（每个检查周期的月数，自 1 月起算）")
    String coverageEveryMonths();

    @Override
    @Message("不得早于 activeFrom")
    String coverageDateOrder();

    @Override
    @Message("至多 {max} 项")
    String coverageTooMany(int max);

    @Override
    @Message("重复给出")
    String coverageRepeated();

    @Override
    @Message("“{kind}”不是任何单位的类型；已有类型：{known}")
    String coverageUnknownKind(String kind, String known);

    @Override
    @Message("不存在登录名为“{login}”的账号")
    String coverageUnknownAccount(String login);

    @Override
    @Message("请给出考核周期，或给出 from 与 to，不可同时给出")
    String coveragePeriodOrRange();
    // issue 19: webhooks
    @Override
    @Message("没有编号为 {id} 的 Webhook 订阅。")
    String webhookNotFound(long id);

    @Override
    @Message("没有编号为 {id} 的 Webhook 投递。")
    String webhookDeliveryNotFound(long id);

    @Override
    @Message("Webhook 投递 {id} 仍在尝试中：待其投递成功或失败后再重放。")
    String webhookDeliveryPending(long id);

    @Override
    @Message("须为带主机名的绝对 https 地址，且不含用户信息")
    String webhookUrl();

    @Override
    @Message("须使用 https（仅当服务器允许时，本机回环地址的接收方可用 http）")
    String webhookUrlInsecure();

    @Override
    @Message("{host} 为本机回环、内网或链路本地地址：不向其发送 Webhook")
    String webhookUrlPrivate(String host);

    @Override
    @Message("无法解析主机 {host}")
    String webhookUrlUnresolved(String host);

    @Override
    @Message("{kind} 不是事件类型；可用类型为：{known}")
    String webhookKindUnknown(String kind, String known);

    @Override
    @Message("该事件类型重复")
    String webhookKindRepeated();

    @Override
    @Message("请至少指定一种事件类型")
    String webhookKindsNeeded();

    // issue 19b: complaints
    @Override
    @Message("不是投诉类别；可用的类别为：{keys}")
    String complaintCategoryUnknown(String keys);
}
